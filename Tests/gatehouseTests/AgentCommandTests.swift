import Foundation
import Testing

/// `gatehouse agent validate`: every shipped example is valid; a broken file gets every problem
/// on standard error with its line and key path, and exit status 1.
@Suite struct AgentCommandTests {
    static let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("examples/agents").path

    @Test func everyShippedExampleValidates() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.examples).filter { $0.hasSuffix(".yaml") }
        #expect(files.count >= 5)
        for file in files {
            let result = try CLI.run(["agent", "validate", Self.examples + "/" + file])
            #expect(result.status == 0, "\(file): \(result.stderr)")
            #expect(result.stdout.contains(": valid (version 7; agents: "))
        }
    }

    @Test func everyProblemIsPrintedAndExitIsOne() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/team.yaml"
        try """
        version: "7"
        agents:
          root:
            model: openai/gpt-4o
            sub_agent: [helper]
            toolsets:
              - type: lsp
          helper:
            description: no model
        permissions:
          deny: [":=x"]
        """.write(toFile: path, atomically: true, encoding: .utf8)
        let result = try CLI.run(["agent", "validate", path])
        #expect(result.status == 1)
        let lines = result.stderr.split(separator: "\n").map(String.init)
        #expect(lines.contains("\(path):5: agents.root.sub_agent: unknown key (did you mean \"sub_agents\"?)"))
        #expect(lines.contains { $0.hasPrefix("\(path):7: agents.root.toolsets[0].type: toolset type lsp is not run") })
        #expect(lines.contains("\(path):9: agents.helper: missing required key \"model\""))
        #expect(lines.contains { $0.hasPrefix("\(path):11: permissions.deny[0]: \":=x\" is not a permission pattern") })
        #expect(lines.contains { $0.contains("4 problems") })
    }

    @Test func aMissingFileIsAClearError() throws {
        let result = try CLI.run(["agent", "validate", "/nonexistent/agent.yaml"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("cannot read /nonexistent/agent.yaml"))
    }
}
