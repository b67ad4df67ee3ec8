import Foundation
import GatehouseCore
import GatehouseSandbox
import GatehouseTestSupport
import HTTPTypes
import HummingbirdTesting
import Testing

/// Tool calls of agents against the scripted model: permissions (deny first, recorded), the
/// loop breaker, malformed arguments from the model, secrets blocked, and the workspace tools
/// really running in a sandbox.
@Suite struct AgentToolCallTests {
    @Test func theLoopBreakerStopsRepeatedIdenticalCalls() async throws {
        let file = """
            version: "7"
            agents:
              root:
                model: scripted
                instruction: "[looper] Think hard."
                toolsets: [{type: think}]
            """
        let same = ScriptedModel.Reply.calls([("think", #"{"thought": "again"}"#)])
        let script = ScriptedModel((0..<6).map { ScriptedModel.Step(agent: "[looper]", turn: $0, reply: same) })
        try await AgentHarness.withGateway(script) { context, token in
            let run = try await AgentHarness.run(context.client, token: token, file: file, message: "Go")
            #expect(run.finished?["state"]?.stringValue == "stopped")
            #expect(run.events("error").first?["code"]?.stringValue == "loop_detected")
            // Two calls ran; the third identical one did not.
            #expect(run.events("tool_call_response").filter { $0["is_error"]?.boolValue == false }.count == 2)
            #expect(script.requests.count == 3)
        }
    }

    @Test func malformedArgumentsFromTheModelAreAnsweredAsAnErrorAndTheRunGoesOn() async throws {
        let file = """
            version: "7"
            agents:
              root:
                model: scripted
                instruction: "[sloppy] Use tools."
                toolsets: [{type: think}]
            """
        let script = ScriptedModel([
            .init(agent: "[sloppy]", turn: 0, reply: .calls([("think", #"{"thought": "unterminated"#)])),
            .init(agent: "[sloppy]", turn: 1, reply: .calls([("think", #"{"thought": "fixed"}"#)])),
            .init(agent: "[sloppy]", turn: 2, reply: .text("done")),
        ])
        try await AgentHarness.withGateway(script) { context, token in
            let run = try await AgentHarness.run(context.client, token: token, file: file, message: "Go")
            #expect(run.finished?["state"]?.stringValue == "finished")
            let responses = run.events("tool_call_response")
            #expect(responses.first?["is_error"]?.boolValue == true)
            #expect(responses.first?["response"]?.stringValue?.contains("not a valid JSON object") == true)
            #expect(responses.last?["is_error"]?.boolValue == false)
            // The model was told: its second request carries the error as the tool's answer.
            let second = script.requests[1]["messages"]?.arrayValue?.last
            #expect(second?["role"]?.stringValue == "tool")
            #expect(second?["content"]?.stringValue?.contains("not a valid JSON object") == true)
        }
    }

    @Test func aToolDeniedByThePermissionsNeverRunsAndTheRefusalIsRecorded() async throws {
        try await SandboxRoutesTests.requireBackend()
        let workspace = AgentHarness.workspaceRoot + "/" + UUID().uuidString.prefix(8)
        try FileManager.default.createDirectory(atPath: workspace, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: workspace) }
        let file = """
            version: "7"
            agents:
              root:
                model: scripted
                instruction: "[writer] Write files."
                toolsets: [{type: filesystem}]
            permissions:
              allow: ["write_file", "read_file"]
              deny: ["write_file:path=*.env"]
            """
        let script = ScriptedModel([
            .init(
                agent: "[writer]", turn: 0,
                reply: .calls([
                    ("write_file", #"{"path": "prod.env", "content": "TOKEN=x"}"#),
                    ("write_file", #"{"path": "notes.txt", "content": "hello from the sandbox"}"#),
                ])),
            .init(agent: "[writer]", turn: 1, reply: .calls([("read_file", #"{"path": "notes.txt"}"#)])),
            .init(agent: "[writer]", turn: 2, reply: .text("read: {{last_tool}}")),
        ])
        try await AgentHarness.withGateway(script) { context, token in
            let run = try await AgentHarness.run(
                context.client, token: token, file: file, message: "Write", workspace: workspace)
            #expect(run.finished?["state"]?.stringValue == "finished", "\(run.events("error"))")
            let first = run.events("tool_call_response").first
            #expect(first?["is_error"]?.boolValue == true)
            #expect(first?["response"]?.stringValue?.contains("write_file:path=*.env") == true)
            #expect(!FileManager.default.fileExists(atPath: workspace + "/prod.env"))
            #expect(try String(contentsOfFile: workspace + "/notes.txt", encoding: .utf8) == "hello from the sandbox")
            #expect(run.finished?["final_answer"]?.stringValue?.contains("hello from the sandbox") == true)
            let calls = try await AgentHarness.audit(context.client, action: "tool.call")
            let denied = calls.filter { $0["decision"]?.stringValue == "deny" }
            #expect(denied.map { $0["resource"]?.stringValue } == ["agent/filesystem/write_file"])
            #expect(denied.first?["rule"]?.stringValue == "agent-permissions")
            // Each workspace command ran in a sandbox, decided and recorded.
            let starts = try await AgentHarness.audit(context.client, action: "sandbox.start")
            #expect(starts.count >= 2)
        }
    }

    @Test func aWritingToolWithNoRuleIsNotRunWhenNobodyCanBeAsked() async throws {
        let file = """
            version: "7"
            agents:
              root:
                model: scripted
                instruction: "[asker] Remember things."
                toolsets: [{type: memory}]
            """
        let script = ScriptedModel([
            .init(agent: "[asker]", turn: 0, reply: .calls([("add_memory", #"{"memory": "the user likes tea"}"#)])),
            .init(agent: "[asker]", turn: 1, reply: .text("{{last_tool}}")),
        ])
        try await AgentHarness.withGateway(script) { context, token in
            let run = try await AgentHarness.run(context.client, token: token, file: file, message: "Remember")
            let answer = run.finished?["final_answer"]?.stringValue ?? ""
            #expect(answer.contains("needs the user's approval"))
            let memories = (try? FileManager.default.subpathsOfDirectory(atPath: context.dataDir + "/agents")) ?? []
            #expect(!memories.contains { $0.hasSuffix(".json") })
        }
    }

    @Test func secretsInABuiltInToolsArgumentsAreBlocked() async throws {
        let file = """
            version: "7"
            agents:
              root:
                model: scripted
                instruction: "[leaky] Think aloud."
                toolsets: [{type: think}]
            """
        let key = "AKIA" + "IOSFODNN7EXAMPLE"
        let script = ScriptedModel([
            .init(agent: "[leaky]", turn: 0, reply: .calls([("think", #"{"thought": "the key is \#(key)"}"#)])),
            .init(agent: "[leaky]", turn: 1, reply: .text("{{last_tool}}")),
        ])
        try await AgentHarness.withGateway(script) { context, token in
            let run = try await AgentHarness.run(context.client, token: token, file: file, message: "Go")
            let response = run.events("tool_call_response").first
            #expect(response?["is_error"]?.boolValue == true)
            #expect(response?["response"]?.stringValue?.contains(key) == false)
            let calls = try await AgentHarness.audit(context.client, action: "tool.call")
            #expect(calls.first?["rule"]?.stringValue == "secret-scan")
            #expect(calls.first?["decision"]?.stringValue == "deny")
        }
    }
}
