import Foundation
import Testing

@Suite struct ConfigCommandTests {
    @Test func shippedExampleChecksClean() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let result = try CLI.run(["config", "check", root.appendingPathComponent("examples/gatehouse.yaml").path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains(": ok (version 1"))
    }

    @Test func everyErrorIsPrintedAndExitIsOne() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/gatehouse.yaml"
        try """
        version: 1
        server:
          prot: 8080
        groups:
          developers:
            rules:
              - effect: allow
                actions: [modle.use]
        """.write(toFile: path, atomically: true, encoding: .utf8)
        let result = try CLI.run(["config", "check", path])
        #expect(result.status == 1)
        let lines = result.stderr.split(separator: "\n").map(String.init)
        #expect(lines.contains("\(path):3: server.prot: unknown key (did you mean \"port\"?)"))
        #expect(
            lines.contains {
                $0.hasPrefix("\(path):8: groups.developers.rules[0].actions[0]: unknown action \"modle.use\"")
            })
    }

    @Test func missingFileIsAClearError() throws {
        let result = try CLI.run(["config", "check", "/nonexistent/gatehouse.yaml"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("/nonexistent/gatehouse.yaml"))
        #expect(result.stderr.contains("cannot read the file"))
    }

    @Test func policyExplainShowsTheDecidingRule() throws {
        let allowed = try CLI.run([
            "policy", "explain", "--subject", "alice", "--groups", "developers", "--action", "model.use",
            "--resource", "llama-3",
        ])
        #expect(allowed.status == 0, "\(allowed.stderr)")
        #expect(allowed.stdout.contains("decision: allow"))
        let denied = try CLI.run(["policy", "explain", "--subject", "mallory", "--action", "audit.verify"])
        #expect(denied.status == 3)
        #expect(denied.stdout.contains("decision: deny"))
        #expect(denied.stdout.contains("rule:     default-deny"))
        let unknown = try CLI.run(["policy", "explain", "--subject", "a", "--action", "fly.away"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("unknown action \"fly.away\""))
    }
}
