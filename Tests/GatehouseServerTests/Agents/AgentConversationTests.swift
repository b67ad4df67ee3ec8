import Foundation
import GatehouseCore
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// A chat's conversation with its user: questions about tool calls answered over `resume`,
/// history compacted when the context fills, and the iteration limit.
@Suite struct AgentConversationTests {
    /// Answers the run's next question with `confirmation`, once one waits: the first session
    /// of the caller is the run's, and `resume` is refused (409) until a question is pending.
    static func answer(
        _ client: any TestClientProtocol, token: String, _ confirmation: String, reason: String? = nil
    ) async throws -> Int {
        var session: String?
        while session == nil {
            let listing = try await client.execute(
                uri: "/api/v1/agents/sessions", method: .get, headers: ServerHarness.bearer(token))
            session = InferenceHarness.json(listing)["sessions"]?.arrayValue?.last?["id"]?.stringValue
            await Task.yield()
        }
        var body: JSONValue = ["confirmation": .string(confirmation)]
        if let reason { body["reason"] = .string(reason) }
        var headers = ServerHarness.bearer(token)
        headers[.contentType] = "application/json"
        while true {
            let response = try await client.execute(
                uri: "/api/v1/agents/sessions/\(session!)/resume", method: .post, headers: headers,
                body: ByteBuffer(bytes: body.encoded))
            if response.status != .conflict { return Int(response.status.code) }
            await Task.yield()
        }
    }

    @Test func questionsAboutToolCallsAreAnsweredByTheUserAndApprovalsLastTheSession() async throws {
        let file = """
            version: "7"
            agents:
              root:
                model: scripted
                instruction: "[keeper] Remember things."
                toolsets: [{type: memory}]
            """
        let script = ScriptedModel([
            .init(agent: "[keeper]", turn: 0, reply: .calls([("add_memory", #"{"memory": "likes tea"}"#)])),
            .init(agent: "[keeper]", turn: 1, reply: .calls([("add_memory", #"{"memory": "likes green tea"}"#)])),
            .init(agent: "[keeper]", turn: 2, reply: .calls([("delete_memory", #"{"id": "1"}"#)])),
            .init(agent: "[keeper]", turn: 3, reply: .text("{{last_tool}}")),
        ])
        try await AgentHarness.withGateway(script) { context, token in
            async let running = AgentHarness.runLive(
                port: try #require(context.client.port), token: token, file: file, message: "Remember",
                interactive: true)
            // The first add_memory is asked about: approved for the rest of the session.
            #expect(try await Self.answer(context.client, token: token, "approve-tool") == 200)
            // The second runs without a question; delete_memory is asked about and rejected.
            #expect(try await Self.answer(context.client, token: token, "reject", reason: "keep it") == 200)
            let run = try await running
            #expect(run.finished?["state"]?.stringValue == "finished")
            let questions = run.events("tool_call_confirmation")
            #expect(
                questions.map { $0["tool_call"]?["function"]?["name"]?.stringValue } == ["add_memory", "delete_memory"])
            let responses = run.events("tool_call_response")
            #expect(responses.map { $0["is_error"]?.boolValue } == [false, false, true])
            #expect(run.finished?["final_answer"]?.stringValue == "The user rejected the tool call. Reason: keep it")
            let rejected = try await AgentHarness.audit(context.client, action: "tool.call").filter {
                $0["decision"]?.stringValue == "deny"
            }
            #expect(rejected.map { $0["resource"]?.stringValue } == ["agent/memory/delete_memory"])
        }
    }

    @Test func theHistoryIsCompactedIntoASummaryWhenTheContextFills() async throws {
        let file = """
            version: "7"
            agents:
              root:
                model: small
                instruction: "[compact] Think step by step."
                toolsets: [{type: think}]
            models:
              small: {provider: dmr, model: scripted, provider_opts: {context_size: 100}}
            """
        let script = ScriptedModel([
            .init(agent: "You summarise conversations", turn: 0, reply: .text("SUMMARY-OF-EARLIER")),
            .init(agent: "[compact]", turn: 0, reply: .calls([("think", #"{"thought": "a"}"#)])),
            .init(agent: "[compact]", turn: 1, reply: .calls([("think", #"{"thought": "b"}"#)])),
            .init(agent: "[compact]", turn: 2, reply: .text("done"), seen: "Session Summary: SUMMARY-OF-EARLIER"),
            .init(agent: "[compact]", turn: 2, reply: .calls([("think", #"{"thought": "c"}"#)])),
        ])
        try await AgentHarness.withGateway(script) { context, token in
            let run = try await AgentHarness.run(
                context.client, token: token, file: file, message: String(repeating: "long question ", count: 40))
            #expect(run.finished?["state"]?.stringValue == "finished", "\(run.events("error"))")
            #expect(run.finished?["final_answer"]?.stringValue == "done")
            #expect(
                run.events("session_compaction").compactMap { $0["status"]?.stringValue } == ["started", "completed"])
            #expect(run.events("session_summary").first?["summary"]?.stringValue == "SUMMARY-OF-EARLIER")
            // The model was asked for the summary, then sent it instead of the older messages.
            let last = try #require(script.requests.last?["messages"]?.arrayValue)
            #expect(last[1]["content"]?.stringValue == "Session Summary: SUMMARY-OF-EARLIER")
            #expect(!last.contains { $0["content"]?.stringValue?.hasPrefix("long question") == true })
        }
    }

    @Test func maxIterationsStopsTheTurnAndSaysSo() async throws {
        let file = """
            version: "7"
            agents:
              root:
                model: scripted
                instruction: "[busy] Keep thinking."
                max_iterations: 2
                toolsets: [{type: think}]
            """
        let script = ScriptedModel(
            (0..<4).map {
                ScriptedModel.Step(agent: "[busy]", turn: $0, reply: .calls([("think", "{\"thought\": \"\($0)\"}")]))
            })
        try await AgentHarness.withGateway(script) { context, token in
            let run = try await AgentHarness.run(context.client, token: token, file: file, message: "Go")
            #expect(run.finished?["state"]?.stringValue == "stopped")
            #expect(run.events("max_iterations_reached").first?["max_iterations"]?.intValue == 2)
            #expect(script.requests.count == 2)
        }
    }

    @Test func badRequestsAreRefusedWithEveryProblemAndNothingRuns() async throws {
        let script = ScriptedModel([])
        try await AgentHarness.withGateway(script) { context, token in
            let invalid = try await AgentHarness.run(
                context.client, token: token, file: "version: \"7\"\nagents:\n  root: {model: m, colour: red}\n",
                message: "Go")
            #expect(invalid.status == 400)
            #expect(invalid.error?.contains("test.yaml:3: agents.root.colour: unknown key") == true)
            let needsWorkspace = try await AgentHarness.run(
                context.client, token: token,
                file: "version: \"7\"\nagents:\n  root: {model: scripted, toolsets: [{type: shell}]}\n", message: "Go")
            #expect(needsWorkspace.status == 400 && needsWorkspace.error?.contains("workspace") == true)
            let outside = try await AgentHarness.run(
                context.client, token: token,
                file: "version: \"7\"\nagents:\n  root: {model: scripted, toolsets: [{type: shell}]}\n", message: "Go",
                workspace: NSTemporaryDirectory())
            #expect(outside.status == 403 && outside.error?.contains("workspace_roots") == true)
            let anonymous = try await AgentHarness.run(
                context.client, token: "gth_not-a-token", file: "x", message: "Go")
            #expect(anonymous.status == 401)
            #expect(script.requests.isEmpty)
        }
    }
}
