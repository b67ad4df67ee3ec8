import Foundation
import GatehouseTestSupport
import Testing

/// `gatehouse image sign` and `verify` against the CNCF registry of scripts/registry-test.sh,
/// with keys made by openssl (the form an organisation would hand over).
@Suite(.serialized) struct ImageCommandTests {
    static func openssl(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try ProcessLaunch.run(process)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CocoaError(.fileWriteUnknown) }
    }

    @Test func signThenVerifyWithTheRightKeyOnly() throws {
        guard let registry = ProcessInfo.processInfo.environment["GATEHOUSE_TEST_REGISTRY"] else {
            try Test.cancel("GATEHOUSE_TEST_REGISTRY is not set (scripts/test-deps.sh starts the test registry)")
        }
        // A repository of this run's own: the test registry outlives runs, and signatures by
        // earlier runs' keys would accumulate on a shared one.
        let repository = "cli-signed-" + UUID().uuidString.prefix(8).lowercased()
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl") else {
            try Test.cancel("openssl is not installed")
        }
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        for name in ["org", "other"] {
            try Self.openssl([
                "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "\(directory)/\(name).pem",
            ])
            try Self.openssl(["ec", "-in", "\(directory)/\(name).pem", "-pubout", "-out", "\(directory)/\(name).pub"])
        }
        // A repository of its own: signing rewrites the .sig manifest, and parallel suites sign too.
        let copy = Process()
        copy.executableURL = URL(fileURLWithPath: "/usr/bin/skopeo")
        copy.arguments = [
            "copy", "--quiet", "--src-tls-verify=false", "--dest-tls-verify=false",
            "docker://\(registry)/test/busybox:1",
            "docker://\(registry)/test/\(repository):1",
        ]
        try ProcessLaunch.run(copy)
        copy.waitUntilExit()
        #expect(copy.terminationStatus == 0)
        let image = "\(registry)/test/\(repository):1"
        let signed = try CLI.run(["image", "sign", "--key", "\(directory)/org.pem", "--plain-http", image])
        #expect(signed.status == 0, "\(signed.stderr)")
        #expect(signed.stdout.contains("signed \(registry)/test/\(repository)@sha256:"))

        let verified = try CLI.run(["image", "verify", "--key", "\(directory)/org.pub", "--plain-http", image])
        #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
        #expect(verified.stdout.contains("verified"))

        let refused = try CLI.run(["image", "verify", "--key", "\(directory)/other.pub", "--plain-http", image])
        #expect(refused.status == 1)
        #expect(refused.stdout.contains("NOT verified"), "\(refused.stdout)")

        let bad = try CLI.run(["image", "sign", "--key", "\(directory)/org.pub", "--plain-http", image])
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("not an ECDSA P-256 private key"), "\(bad.stderr)")
    }

    /// `gatehouse image check` against a live server: the fixture's facts, and the hardened
    /// rule it fails, with exit status 1.
    @Test func checkPrintsTheFactsAndTheDecision() async throws {
        guard let registry = ProcessInfo.processInfo.environment["GATEHOUSE_TEST_REGISTRY"] else {
            try Test.cancel("GATEHOUSE_TEST_REGISTRY is not set (scripts/test-deps.sh starts the test registry)")
        }
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let configPath = directory + "/gatehouse.yaml"
        let config = ServeCommandTests.config().replacingOccurrences(
            of: "groups:\n",
            with: """
                registry:
                  upstreams: [{host: "127.0.0.1:*", plain_http: true}]
                  hardened: [{id: no-shells, repositories: ["127.0.0.1:*/test/*"], require: [no_shell]}]
                groups:

                """)
        try config.write(toFile: configPath, atomically: true, encoding: .utf8)
        let admin = "gth_cli-admin-token-0123456789abcdefghij"
        let server = try ServerProcess(
            ["serve", "--config", configPath, "--data-dir", directory, "--port", "0"],
            environment: ["GATEHOUSE_TEST_UNSET_TOKEN": admin])
        let listening = try #require(
            await ServerProcess.first(in: server.stderrLines, containing: "gatehouse is listening"))
        let url = "http://127.0.0.1:\(try #require(ServerProcess.port(in: listening)))"
        let environment = ["GATEHOUSE_TOKEN": admin, "XDG_CONFIG_HOME": directory + "/config"]
        let checked = try CLI.run(
            ["image", "check", "--server", url, "\(registry)/test/busybox:1"], environment: environment)
        #expect(checked.status == 1, "\(checked.stdout)\(checked.stderr)")
        #expect(checked.stdout.contains("user    65534"), "\(checked.stdout)")
        #expect(checked.stdout.contains("shells  /bin/sh /bin/busybox"), "\(checked.stdout)")
        #expect(checked.stdout.contains("pass    policy (admins-all)"), "\(checked.stdout)")
        #expect(checked.stdout.contains("FAIL    hardened (no-shells): fails no_shell"), "\(checked.stdout)")
        #expect(checked.stdout.contains("a pull would be refused"))
        let bad = try CLI.run(["image", "check", "--server", url, "no-registry-here"], environment: environment)
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("REGISTRY/REPOSITORY:TAG"), "\(bad.stderr)")
        server.signal(SIGTERM)
        _ = await server.waitForExit()
    }
}
