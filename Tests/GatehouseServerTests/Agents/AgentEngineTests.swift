import Foundation
import GatehouseCore
import GatehouseInference
import GatehouseStore
import GatehouseTestSupport
import HTTPTypes
import HummingbirdTesting
import Testing

/// End to end with real peers: SmolLM2 on llama.cpp behind Gatehouse's model gateway, and the
/// real `mcp-server-time` from Gatehouse's catalog. The agent's model is forced (by its
/// `provider_opts.tool_choice`) to call the tool, and answers with what the tool returned.
@Suite(
    .enabled(
        if: RealEngine.python != nil && RealEngine.gguf != nil,
        "set GATEHOUSE_TEST_LLAMA_PYTHON and GATEHOUSE_TEST_SMOLLM2_GGUF (scripts/inference-deps.sh install-engine)")
)
struct AgentEngineTests {
    static let file = """
        version: "7"
        agents:
          root:
            model: clock
            instruction: You tell the time. Call get_current_time with timezone "UTC", then say the time it returned.
            toolsets:
              - type: mcp
                ref: docker:time
                tools: [get_current_time]
        models:
          clock:
            provider: dmr
            model: ai/smollm2
            temperature: 0
            max_tokens: 96
            provider_opts:
              tool_choice: {type: function, function: {name: get_current_time}}
        """

    @Test func aRealModelCallsARealMCPServerThroughGatehouseAndAnswersAfterItsResult() async throws {
        let python = try #require(RealEngine.python)
        let tools = try MCPHarness.tools()
        try await SandboxRoutesTests.requireBackend()
        let directory = NSTemporaryDirectory() + "gatehouse-agent-e2e-" + UUID().uuidString.prefix(8)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let config = try MCPHarness.config(tools, directory: directory, extra: RealEngine.inference(python: python))
            .replacingOccurrences(
                of: "groups:\n",
                with: """
                    groups:
                      developers:
                        rules:
                          - {id: devs-agents, effect: allow, actions: [agent.run, model.use, tool.profile, tool.list, tool.call]}

                    """)
        try await ServerHarness.withServer(config: config) { context in
            _ = try ModelStore(root: context.dataDir + "/models").importFile(
                path: try #require(RealEngine.gguf), name: "smollm2")
            let token = try await AgentHarness.developerToken(context)
            let run = try await AgentHarness.runLive(
                port: try #require(context.client.port), token: token, file: Self.file,
                message: "What time is it in UTC?")
            #expect(run.status == 200, "\(run.error ?? "")")
            let call = try #require(run.events("tool_call").first, "events: \(run.events.map { $0["type"] ?? .null })")
            #expect(call["tool_call"]?["function"]?["name"]?.stringValue == "get_current_time")
            let response = try #require(run.events("tool_call_response").first)
            let result = response["response"]?.stringValue ?? ""
            #expect(response["is_error"]?.boolValue == false, "\(result)")
            // The server's answer carries today's date (UTC), as only the real server could.
            let today = ISO8601DateFormatter().string(from: Date()).prefix(10)
            #expect(result.contains(today), "\(result)")
            #expect(run.finished?["state"]?.stringValue == "finished", "\(run.events.map(\.text))")
            // The model answered after reading the result (its second call). What a 135M model
            // writes with it depends on the date it is given (on 2026-11-29 it made one up), so
            // the text itself is not asserted.
            let answer = run.finished?["final_answer"]?.stringValue ?? ""
            #expect(!answer.isEmpty)
            // Both the tool call and the model calls went through the policy and the audit trail.
            let calls = try await AgentHarness.audit(context.client, action: "tool.call")
            #expect(
                calls.contains {
                    $0["resource"]?.stringValue == "time/get_current_time" && $0["decision"]?.stringValue == "allow"
                })
            let uses = try await AgentHarness.audit(context.client, action: "model.use")
            #expect(uses.count == 2)
        }
    }
}
