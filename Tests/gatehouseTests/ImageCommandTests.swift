import Foundation
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
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CocoaError(.fileWriteUnknown) }
    }

    @Test func signThenVerifyWithTheRightKeyOnly() throws {
        guard let registry = ProcessInfo.processInfo.environment["GATEHOUSE_TEST_REGISTRY"] else {
            try Test.cancel("GATEHOUSE_TEST_REGISTRY is not set (scripts/test-deps.sh starts the test registry)")
        }
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
            "docker://\(registry)/test/cli-signed:1",
        ]
        try copy.run()
        copy.waitUntilExit()
        #expect(copy.terminationStatus == 0)
        let image = "\(registry)/test/cli-signed:1"
        let signed = try CLI.run(["image", "sign", "--key", "\(directory)/org.pem", "--plain-http", image])
        #expect(signed.status == 0, "\(signed.stderr)")
        #expect(signed.stdout.contains("signed \(registry)/test/cli-signed@sha256:"))

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
}
