import Foundation
import GatehouseCore
import GatehouseTestSupport
import Synchronization
import Testing

@testable import GatehouseMCP

/// The gateway over the real `mcp-server-time`, in sandboxes.
@Suite struct GatewayTests {
    @Test func toolsAreListedUnderTheServersPrefixAndCallsReachTheServer() async throws {
        let (gateway, caller) = try await GatewayHarness.gateway(try GatewayHarness.catalog())
        let tools = await gateway.tools(for: caller)
        #expect(tools.unavailable.isEmpty)
        let names = tools.tools.map(\.exposedName)
        #expect(names.contains("time__get_current_time"))
        #expect(names.contains("time__convert_time"))
        let tool = try await gateway.resolveTool("time__get_current_time", for: caller)
        #expect(tool.server == "time" && tool.tool == "get_current_time")
        let outcome = try await gateway.call(
            tool, arguments: ["timezone": "UTC"], meta: nil, caller: caller, context: .none)
        let text = outcome.result["content"]?.arrayValue?.first?["text"]?.stringValue ?? ""
        #expect(text.contains("\"timezone\": \"UTC\"") || text.contains("\"timezone\":\"UTC\""))
        #expect(outcome.resultBytes == outcome.result.encoded.count)
        await gateway.shutdown()
    }

    @Test func unknownToolsAreInvalidParameters() async throws {
        let (gateway, caller) = try await GatewayHarness.gateway(try GatewayHarness.catalog())
        await #expect(throws: RPCError.invalidParams("Unknown tool: time__nope")) {
            _ = try await gateway.resolveTool("time__nope", for: caller)
        }
        await gateway.shutdown()
    }

    @Test func argumentsWithASecretNeverReachTheServer() async throws {
        let (gateway, caller) = try await GatewayHarness.gateway(try GatewayHarness.catalog())
        let tool = try await gateway.resolveTool("time__get_current_time", for: caller)
        let key = "AKIA" + "IOSFODNN7" + "EXAMPLE"
        do {
            _ = try await gateway.call(
                tool, arguments: ["timezone": .string(key)], meta: nil, caller: caller, context: .none)
            Issue.record("the call went through")
        } catch let refusal as ToolRefusal {
            #expect(refusal.rule == "secret-scan")
            #expect(refusal.error.code == -32003)
            #expect(!refusal.reason.contains(key) && !refusal.error.message.contains(key))
        }
        await gateway.shutdown()
    }

    @Test func fiftyParallelCallersStayWithinThePoolAndLeaveNothingBehind() async throws {
        // A time zone no other test uses marks this test's server processes.
        let marker = "Etc/GMT+3"
        let catalog = try GatewayHarness.catalog(timePool: 3, timeZone: marker)
        let (gateway, caller) = try await GatewayHarness.gateway(catalog)
        let python = try GatewayHarness.venv("GATEHOUSE_TEST_MCP_TIME_VENV") + "/bin/python3"
        let tool = try await gateway.resolveTool("time__get_current_time", for: caller)
        let peak = ProcessPeak(program: python, argument: marker)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<50 {
                group.addTask {
                    let zone: JSONValue = index % 2 == 0 ? "UTC" : "Europe/Berlin"
                    for _ in 0..<3 {
                        let outcome = try await gateway.call(
                            tool, arguments: ["timezone": zone], meta: nil, caller: caller, context: .none)
                        #expect(outcome.result["isError"]?.boolValue != true)
                        peak.sample()
                    }
                }
            }
            try await group.waitForAll()
        }
        // Counted while the calls ran: never more server processes than the pool allows.
        #expect(peak.maximum >= 1)
        #expect(peak.maximum <= 3)
        #expect(await gateway.load()["time"]?.sessions ?? 0 <= 3)
        await gateway.shutdown()
        #expect(ProcessTable.running(program: python, argument: marker).isEmpty)
        #expect(await ProcessTable.lastingZombies().isEmpty)
    }
}

/// The most server processes seen at any sample.
final class ProcessPeak: Sendable {
    let program: String
    let argument: String
    private let peak = Mutex(0)

    init(program: String, argument: String) {
        self.program = program
        self.argument = argument
    }

    func sample() {
        let count = ProcessTable.running(program: program, argument: argument).count
        peak.withLock { $0 = max($0, count) }
    }

    var maximum: Int { peak.withLock { $0 } }
}
