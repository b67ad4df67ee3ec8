import Foundation
import GatehouseCore
import GatehouseTestSupport
import Synchronization
import Testing

@testable import GatehouseMCP

/// What the gateway relays between a client and a server during a call, against a real server
/// on the official SDK (scripts/mcp/fixture_server.py).
@Suite struct GatewayRelayTests {
    @Test func progressReachesTheCallerUnderItsOwnToken() async throws {
        let (gateway, caller) = try await GatewayHarness.gateway(try GatewayHarness.fixtureCatalog())
        let tool = try await gateway.resolveTool("fixture__count", for: caller)
        let seen = Mutex<[JSONValue]>([])
        let context = CallContext(progress: { params in seen.withLock { $0.append(params) } })
        let outcome = try await gateway.call(
            tool, arguments: ["n": 3], meta: ["progressToken": "client-token-7"], caller: caller, context: context)
        #expect(outcome.result["content"]?.arrayValue?.first?["text"] == "counted to 3")
        let progress = seen.withLock { $0 }
        #expect(progress.count == 3)
        #expect(progress.allSatisfy { $0["progressToken"] == "client-token-7" })
        #expect(progress.map { $0["progress"]?.intValue } == [1, 2, 3])
        await gateway.shutdown()
    }

    @Test func theServersSamplingRequestIsAnsweredByTheCallingClient() async throws {
        let (gateway, base) = try await GatewayHarness.gateway(try GatewayHarness.fixtureCatalog())
        let caller = MCPCaller(profile: base.profile, answersServerRequests: true, mayCall: { _ in true })
        let tool = try await gateway.resolveTool("fixture__ask_model", for: caller)
        let asked = Mutex<[String]>([])
        let context = CallContext(serverRequest: { method, params throws(RPCError) in
            asked.withLock { $0.append(method) }
            let question = params?["messages"]?.arrayValue?.first?["content"]?["text"]?.stringValue ?? ""
            return [
                "role": "assistant", "content": ["type": "text", "text": .string("42 (\(question))")],
                "model": "test-model", "stopReason": "endTurn",
            ]
        })
        let outcome = try await gateway.call(
            tool, arguments: ["question": "meaning?"], meta: nil, caller: caller, context: context)
        #expect(asked.withLock { $0 } == ["sampling/createMessage"])
        #expect(outcome.result["content"]?.arrayValue?.first?["text"] == "model said: 42 (meaning?)")
        await gateway.shutdown()
    }

    @Test func aSecretInAResultIsRedactedOrTheResultWithheldByConfiguration() async throws {
        let key = "AKIA" + "IOSFODNN7" + "EXAMPLE"
        let (redacting, caller) = try await GatewayHarness.gateway(try GatewayHarness.fixtureCatalog())
        let tool = try await redacting.resolveTool("fixture__leak", for: caller)
        let outcome = try await redacting.call(tool, arguments: [:], meta: nil, caller: caller, context: .none)
        #expect(!outcome.result.text.contains(key))
        #expect(outcome.result.text.contains("[REDACTED:aws-access-key-id]"))
        #expect(outcome.redacted == ["aws-access-key-id"])
        await redacting.shutdown()

        let (blocking, blockingCaller) = try await GatewayHarness.gateway(
            try GatewayHarness.fixtureCatalog(), resultScan: .block)
        let blocked = try await blocking.resolveTool("fixture__leak", for: blockingCaller)
        do {
            _ = try await blocking.call(blocked, arguments: [:], meta: nil, caller: blockingCaller, context: .none)
            Issue.record("the result went through")
        } catch let refusal as ToolRefusal {
            #expect(refusal.error.code == -32003 && !refusal.error.message.contains(key))
        }
        await blocking.shutdown()
    }

    @Test func aCallPastItsTimeLimitFailsAndTheSessionServesTheNextCall() async throws {
        let (gateway, caller) = try await GatewayHarness.gateway(
            try GatewayHarness.fixtureCatalog(callTimeoutSeconds: 3))
        let sleep = try await gateway.resolveTool("fixture__sleep", for: caller)
        await #expect(throws: RPCError.self) {
            _ = try await gateway.call(sleep, arguments: ["seconds": 30], meta: nil, caller: caller, context: .none)
        }
        let count = try await gateway.resolveTool("fixture__count", for: caller)
        let outcome = try await gateway.call(count, arguments: ["n": 1], meta: nil, caller: caller, context: .none)
        #expect(outcome.result["content"]?.arrayValue?.first?["text"] == "counted to 1")
        await gateway.shutdown()
    }

    @Test func aCrashedServerIsReplacedOnTheNextCall() async throws {
        // Only this test's server is killed: its processes carry a marker of their own.
        let marker = "crash-" + UUID().uuidString
        let catalog = try GatewayHarness.fixtureCatalog(marker: marker)
        let (gateway, caller) = try await GatewayHarness.gateway(catalog)
        let tool = try await gateway.resolveTool("fixture__count", for: caller)
        _ = try await gateway.call(tool, arguments: ["n": 1], meta: nil, caller: caller, context: .none)
        #expect(await gateway.load()["fixture"]?.started == 1)
        // Kill the server process itself (not the sandbox): the session sees it gone.
        let python = try GatewayHarness.venv("GATEHOUSE_TEST_MCP_CLIENT")
        let killed = ProcessTable.running(program: python, argument: marker)
        #expect(killed.count == 1)
        for pid in killed { kill(pid, SIGKILL) }
        // A call that reaches the dying server may fail (it may have run: Gatehouse does not
        // repeat it); a call that never reached it is tried on a new process. After that, every
        // call runs on the new one.
        _ = try? await gateway.call(tool, arguments: ["n": 1], meta: nil, caller: caller, context: .none)
        let outcome = try await gateway.call(tool, arguments: ["n": 2], meta: nil, caller: caller, context: .none)
        #expect(outcome.result["content"]?.arrayValue?.first?["text"] == "counted to 2")
        #expect(await gateway.load()["fixture"]?.started == 2)
        await gateway.shutdown()
    }
}
