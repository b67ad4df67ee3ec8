import Foundation
import GatehouseCore
import GatehouseTestSupport
import HummingbirdTesting
import Testing

/// `gatehouse agent run --exec`, `sessions` and `show` against a live server, as a user runs them.
@Suite struct AgentCLITests {
    /// The built `gatehouse` binary next to the test bundle.
    static var binary: String? {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            .deletingLastPathComponent()
        while directory.path != "/" {
            let candidate = directory.appendingPathComponent("gatehouse").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return nil
    }

    @Test func aOneShotRunPrintsTheAnswerAndAFailedOneExitsNonZero() async throws {
        let gatehouse = try #require(Self.binary, "the gatehouse binary is built with the tests")
        let directory = NSTemporaryDirectory() + "gatehouse-agent-cli-" + UUID().uuidString.prefix(8)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try """
        version: "7"
        agents:
          root:
            model: scripted
            instruction: "[cli] Answer briefly."
            toolsets: [{type: think}]
        """.write(toFile: directory + "/cli.yaml", atomically: true, encoding: .utf8)
        try """
        version: "7"
        agents:
          root:
            model: scripted
            instruction: "[loops] Think."
            toolsets: [{type: think}]
        """.write(toFile: directory + "/loops.yaml", atomically: true, encoding: .utf8)
        let same = ScriptedModel.Reply.calls([("think", #"{"thought": "same"}"#)])
        let script = ScriptedModel(
            [
                .init(agent: "[cli]", turn: 0, reply: .calls([("think", #"{"thought": "short"}"#)])),
                .init(agent: "[cli]", turn: 1, reply: .text("The answer is 42")),
            ] + (0..<4).map { ScriptedModel.Step(agent: "[loops]", turn: $0, reply: same) })
        try await AgentHarness.withGateway(script) { context, token in
            let server = "http://127.0.0.1:\(try #require(context.client.port))"
            let environment = ["GATEHOUSE_TOKEN": token, "GATEHOUSE_SERVER": server]
            let (status, output) = try await ChildProcess.run(
                gatehouse, ["agent", "run", directory + "/cli.yaml", "--exec", "What is it?"], environment: environment)
            #expect(status == 0, "\(output)")
            #expect(output.contains("The answer is 42"))
            #expect(output.contains("→ think("))
            let (failed, failure) = try await ChildProcess.run(
                gatehouse, ["agent", "run", directory + "/loops.yaml", "--exec", "Go"], environment: environment)
            #expect(failed != 0)
            #expect(failure.contains("the run stopped") && failure.contains("loop"), "\(failure)")
            let (listed, listing) = try await ChildProcess.run(
                gatehouse, ["agent", "sessions"], environment: environment)
            #expect(listed == 0, "\(listing)")
            #expect(listing.contains("finished") && listing.contains("stopped") && listing.contains("What is it?"))
            let id = try #require(
                listing.split(separator: "\n").first { $0.contains("What is it?") }?.split(separator: " ").first)
            let (shown, detail) = try await ChildProcess.run(
                gatehouse, ["agent", "show", String(id)], environment: environment)
            #expect(shown == 0, "\(detail)")
            #expect(detail.contains("user: What is it?") && detail.contains("assistant (root): The answer is 42"))
        }
    }
}
