import Foundation
import SQLiteNIO
import Testing

/// `gatehouse serve` as a process: bootstrap, requests, SIGHUP reload, SIGTERM with no
/// audit record lost, then the audit commands over what it wrote.
@Suite struct ServeCommandTests {
    static func config(store: String = "sqlite:gatehouse.db", extraGroup: String = "") -> String {
        """
        version: 1
        server: {host: 127.0.0.1, port: 8080}
        store: {url: "\(store)"}
        audit: {checkpoint_every: 10}
        logging: {level: info, format: json}
        bootstrap: {admin_token: env:GATEHOUSE_TEST_UNSET_TOKEN, admin_groups: [admins]}
        groups:
          admins:
            rules:
              - {id: admins-all, effect: allow, actions: ["*"]}
        \(extraGroup)
        """
    }

    @Test func servesReloadsAndShutsDownWithoutLosingRecords() async throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let configPath = directory + "/gatehouse.yaml"
        try Self.config().write(toFile: configPath, atomically: true, encoding: .utf8)
        let server = try ServerProcess(["serve", "--config", configPath, "--data-dir", directory, "--port", "0"])

        let listening = try #require(
            await ServerProcess.first(in: server.stderrLines, containing: "gatehouse is listening"))
        let port = try #require(ServerProcess.port(in: listening))
        var stdout = server.stdoutLines.makeAsyncIterator()
        #expect(await stdout.next()?.hasPrefix("Bootstrap admin token") == true)
        let token = try #require(await stdout.next()).trimmingCharacters(in: .whitespaces)
        #expect(token.hasPrefix("gth_"))
        let base = "http://127.0.0.1:\(port)"

        let (status, body) = try await HTTP.get(base + "/api/v1/whoami", token: token)
        #expect(status == 200)
        #expect(body.contains(#""subject":"admin""#))

        // A bad file is rejected and the old policy stays in force.
        try "version: 1\ngroups: {admins: {rulez: []}}\n".write(toFile: configPath, atomically: true, encoding: .utf8)
        server.signal(SIGHUP)
        var rejected: [String] = []
        for await line in server.stderrLines {
            if line.contains("configuration rejected") { rejected.append(line) }
            if line.contains("the previous configuration stays in force") { break }
        }
        #expect(rejected.contains { $0.contains("groups.admins.rulez: unknown key") })
        #expect(try await HTTP.get(base + "/api/v1/whoami", token: token).0 == 200)

        // A valid file takes effect: admins lose audit.read.
        try Self.config(extraGroup: "").replacingOccurrences(of: #"actions: ["*"]"#, with: "actions: [identity.whoami]")
            .write(toFile: configPath, atomically: true, encoding: .utf8)
        server.signal(SIGHUP)
        #expect(await ServerProcess.first(in: server.stderrLines, containing: "configuration reloaded") != nil)
        #expect(try await HTTP.get(base + "/api/v1/audit", token: token).0 == 403)

        // Requests in flight when SIGTERM arrives are answered and audited.
        let answered = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<40 { group.addTask { (try? await HTTP.get(base + "/api/v1/whoami", token: token).0) ?? 0 } }
            server.signal(SIGTERM)
            var ok = 0
            for try await status in group where status == 200 { ok += 1 }
            return ok
        }
        #expect(await server.waitForExit() == 0)

        let verify = try CLI.run(["audit", "verify", "--config", configPath, "--data-dir", directory])
        #expect(verify.status == 0, "\(verify.stderr)")
        // bootstrap + whoami + whoami + 2 reloads + 403 audit + answered
        let expected = 6 + answered
        #expect(verify.stdout.hasPrefix("audit trail intact: \(expected) records"), "\(verify.stdout)")

        let denied = try CLI.run([
            "audit", "query", "--config", configPath, "--data-dir", directory, "--decision", "deny", "--json",
        ])
        #expect(denied.status == 0)
        #expect(denied.stdout.contains(#""action":"audit.read""#))
        #expect(denied.stdout.split(separator: "\n").count == 1)

        let tail = try CLI.run(["audit", "tail", "--config", configPath, "--data-dir", directory, "-n", "3"])
        #expect(tail.stdout.split(separator: "\n").count == 3)

        let exportPath = directory + "/audit.jsonl"
        let export = try CLI.run([
            "audit", "export", "--config", configPath, "--data-dir", directory, "--format", "jsonl", "--output",
            exportPath,
        ])
        #expect(export.status == 0)
        let lines = try String(contentsOfFile: exportPath, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == expected)
        #expect(lines.first?.contains(#""seq":1"#) == true)
        #expect(lines.allSatisfy { !$0.contains(token) })

        // Tampering with the file is caught by the same command.
        let db = try await SQLiteConnection.open(storage: .file(path: directory + "/gatehouse.db"))
        _ = try await db.query("DROP TRIGGER audit_records_no_update")
        _ = try await db.query("UPDATE audit_records SET outcome = 'ok', decision = 'allow' WHERE decision = 'deny'")
        try await db.close()
        let broken = try CLI.run(["audit", "verify", "--config", configPath, "--data-dir", directory])
        #expect(broken.status == 1)
        #expect(broken.stderr.contains("was edited: its hash does not match its contents"))
    }

    @Test func unreachableStoreStopsStartupWithAClearError() async throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let configPath = directory + "/gatehouse.yaml"
        try Self.config(store: "postgres://gatehouse@127.0.0.1:1/nothing?sslmode=disable")
            .write(toFile: configPath, atomically: true, encoding: .utf8)
        let result = try CLI.run(["serve", "--config", configPath, "--data-dir", directory, "--port", "0"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("gatehouse cannot start"))
        #expect(result.stderr.contains("127.0.0.1:1"))
    }

    @Test func tokenFromTheEnvironmentIsNotPrinted() async throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let configPath = directory + "/gatehouse.yaml"
        try Self.config().replacingOccurrences(of: "GATEHOUSE_TEST_UNSET_TOKEN", with: "GATEHOUSE_TEST_GIVEN_TOKEN")
            .write(toFile: configPath, atomically: true, encoding: .utf8)
        let token = "gth_given-by-the-operator-0123456789abcdef"
        let server = try ServerProcess(
            ["serve", "--config", configPath, "--data-dir", directory, "--port", "0"],
            environment: ["GATEHOUSE_TEST_GIVEN_TOKEN": token])
        let listening = try #require(
            await ServerProcess.first(in: server.stderrLines, containing: "gatehouse is listening"))
        let port = try #require(ServerProcess.port(in: listening))
        #expect(try await HTTP.get("http://127.0.0.1:\(port)/api/v1/whoami", token: token).0 == 200)
        server.signal(SIGINT)
        #expect(await server.waitForExit() == 0)
        var printed = ""
        for await line in server.stdoutLines { printed += line }
        #expect(!printed.contains(token))
    }

    @Test func unusableBootstrapTokenStopsStartup() async throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let configPath = directory + "/gatehouse.yaml"
        try Self.config().replacingOccurrences(of: "GATEHOUSE_TEST_UNSET_TOKEN", with: "GATEHOUSE_TEST_SHORT_TOKEN")
            .write(toFile: configPath, atomically: true, encoding: .utf8)
        let result = try CLI.run(
            ["serve", "--config", configPath, "--data-dir", directory, "--port", "0"],
            environment: ["GATEHOUSE_TEST_SHORT_TOKEN": "short-secret"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("the bootstrap admin token must be at least 24 characters"))
        #expect(!result.stderr.contains("short-secret"))
        #expect(!result.stdout.contains("short-secret"))
    }

    @Test func nodeWithAnotherSigningKeyRefusesToStart() async throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let configPath = directory + "/gatehouse.yaml"
        try Self.config().replacingOccurrences(of: "checkpoint_every: 10", with: "checkpoint_every: 1")
            .write(toFile: configPath, atomically: true, encoding: .utf8)
        let arguments = ["serve", "--config", configPath, "--data-dir", directory, "--port", "0"]
        let first = try ServerProcess(arguments)
        #expect(await ServerProcess.first(in: first.stderrLines, containing: "gatehouse is listening") != nil)
        first.signal(SIGTERM)
        #expect(await first.waitForExit() == 0)

        try FileManager.default.removeItem(atPath: directory + "/audit-signing.key")
        let second = try CLI.run(arguments)
        #expect(second.status != 0)
        #expect(second.stderr.contains("the audit trail is signed with key"))
        #expect(second.stderr.contains("replicas share one key"))
    }
}
