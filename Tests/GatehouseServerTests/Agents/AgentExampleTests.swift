import Foundation
import GatehouseAgents
import GatehouseCore
import GatehouseStore
import GatehouseTestSupport
import HTTPTypes
import HummingbirdTesting
import Testing

/// Every file of `examples/agents/` is valid and runs against the scripted model, exercising
/// what it shows: workspace tools, a shared todo list and delegation, handoffs, memory, scripts
/// in a sandbox, and the catalog's MCP server.
@Suite struct AgentExampleTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../../examples/agents").standardizedFileURL.path

    struct Example: Sendable, CustomTestStringConvertible {
        var file: String
        var message: String
        var steps: [ScriptedModel.Step]
        var answer: String
        var needs: Set<String> = []
        var testDescription: String { file }
    }

    static let examples: [Example] = [
        Example(
            file: "coder.yaml", message: "Plan the fix",
            steps: [
                .init(
                    agent: "careful coding assistant", turn: 0,
                    reply: .calls([("think", #"{"thought": "read first"}"#)])),
                .init(agent: "careful coding assistant", turn: 1, reply: .text("Thought: {{last_tool}}")),
            ], answer: "Thought: Thoughts:\nread first", needs: ["workspace"]),
        Example(
            file: "release-team.yaml", message: "Release 2.0",
            steps: [
                .init(
                    agent: "lead software releases", turn: 0,
                    reply: .calls([("create_todo", #"{"description": "write the notes"}"#)])),
                .init(
                    agent: "lead software releases", turn: 1,
                    reply: .calls([
                        (
                            "transfer_task",
                            #"{"agent": "changelog", "task": "notes for 2.0", "expected_output": "notes"}"#
                        )
                    ])),
                .init(agent: "lead software releases", turn: 2, reply: .text("Ready. {{last_tool}}")),
                .init(agent: "short, accurate release notes", turn: 0, reply: .calls([("list_todos", "{}")])),
                .init(agent: "short, accurate release notes", turn: 1, reply: .text("Notes written")),
            ], answer: "Ready. Notes written"),
        Example(
            file: "triage.yaml", message: "Was my invoice paid?",
            steps: [
                .init(
                    agent: "sort incoming questions", turn: 0, reply: .calls([("handoff", #"{"agent": "billing"}"#)])),
                .init(agent: "invoices and plans", turn: 1, reply: .text("Your invoice is paid")),
            ], answer: "Your invoice is paid"),
        Example(
            file: "researcher.yaml", message: "I like short answers",
            steps: [
                .init(
                    agent: "research questions on the web", turn: 0,
                    reply: .calls([("add_memory", #"{"memory": "likes short answers"}"#)])),
                .init(agent: "research questions on the web", turn: 1, reply: .calls([("get_memories", "{}")])),
                .init(agent: "research questions on the web", turn: 2, reply: .text("Remembered")),
            ], answer: "Remembered", needs: ["mcp"]),
        Example(
            file: "ci-scripts.yaml", message: "Count the TODOs",
            steps: [
                .init(
                    agent: "run the project's checks", turn: 0, reply: .calls([("count_todos", #"{"EXT": "swift"}"#)])),
                .init(agent: "run the project's checks", turn: 1, reply: .text("TODOs: {{last_tool}}")),
            ], answer: "TODOs: 2", needs: ["workspace", "sandbox"]),
        Example(
            file: "clock.yaml", message: "What time is it?",
            steps: [
                .init(
                    agent: "You tell the time", turn: 0, reply: .calls([("get_current_time", #"{"timezone": "UTC"}"#)])),
                .init(agent: "You tell the time", turn: 1, reply: .text("{{last_tool}}")),
            ], answer: "\"timezone\": \"UTC\"", needs: ["mcp", "sandbox"]),
    ]

    @Test func theExamplesFolderHasAtLeastFiveValidFiles() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.folder).filter { $0.hasSuffix(".yaml") }
        #expect(files.count >= 5)
        #expect(Set(files) == Set(Self.examples.map(\.file)))
        for file in files {
            let text = try String(contentsOfFile: Self.folder + "/" + file, encoding: .utf8)
            #expect(throws: Never.self) { try AgentFileReader.read(text, file: file) }
        }
    }

    @Test(arguments: examples)
    func eachExampleRunsAgainstTheScriptedModel(_ example: Example) async throws {
        var mcp = ""
        if example.needs.contains("sandbox") { try await SandboxRoutesTests.requireBackend() }
        let directory = NSTemporaryDirectory() + "gatehouse-agent-example-" + UUID().uuidString.prefix(8)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        if example.needs.contains("mcp") {
            try await SandboxRoutesTests.requireBackend()
            let tools = try MCPHarness.tools()
            try """
            registry:
              time:
                type: command
                command: [\(tools.timeVenv)/bin/mcp-server-time, --local-timezone, UTC]
                paths: [\(tools.timeVenv)]
            """.write(toFile: directory + "/catalog.yaml", atomically: true, encoding: .utf8)
            mcp = "mcp:\n  catalogs: [\(directory)/catalog.yaml]\n"
        }
        let workspace = AgentHarness.workspaceRoot + "/" + UUID().uuidString.prefix(8)
        try FileManager.default.createDirectory(atPath: workspace, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: workspace) }
        try "// TODO one\n// TODO two\n".write(toFile: workspace + "/main.swift", atomically: true, encoding: .utf8)
        let mcpSection = mcp
        let script = ScriptedModel(example.steps)
        try await script.run { port in
            let config = AgentHarness.config(modelPort: port).replacingOccurrences(
                of: "    - {name: scripted, candidates: [{upstream: scripted, model: scripted}]}\n",
                with: """
                        - {name: smollm2, candidates: [{upstream: scripted, model: scripted}]}
                        - {name: gpt-4o-mini, candidates: [{upstream: scripted, model: scripted}]}

                    """
            ).replacingOccurrences(of: "groups:\n", with: mcpSection + "groups:\n")
            try await ServerHarness.withServer(config: config) { context in
                let token = try await AgentHarness.developerToken(context)
                let text = try String(contentsOfFile: Self.folder + "/" + example.file, encoding: .utf8)
                let run = try await AgentHarness.run(
                    context.client, token: token, file: text, message: example.message,
                    workspace: example.needs.contains("workspace") ? workspace : nil)
                #expect(run.status == 200, "\(run.error ?? "")")
                #expect(run.finished?["state"]?.stringValue == "finished", "\(run.events("error"))")
                let answer = run.finished?["final_answer"]?.stringValue ?? ""
                #expect(answer.contains(example.answer), "\(answer)")
                #expect(run.events("tool_call_response").allSatisfy { $0["is_error"]?.boolValue == false })
            }
        }
    }
}
