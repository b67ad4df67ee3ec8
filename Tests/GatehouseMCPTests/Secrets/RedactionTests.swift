import Testing

@testable import GatehouseMCP

@Suite struct RedactionTests {
    @Test func multipleFindings() {
        let github = "gh" + "p_" + Fake.string(36, seed: 81)
        let text = "key AKIAIOSFODNN7EXAMPLE, token \(github), db postgres://app:Pa55word@db/app."
        let (redacted, findings) = SecretScanner().redact(text)
        #expect(
            redacted
                == "key [REDACTED:aws-access-key-id], token [REDACTED:github-token], db postgres://app:[REDACTED:database-url-password]@db/app."
        )
        #expect(findings.map(\.rule) == ["aws-access-key-id", "github-token", "database-url-password"])
        #expect(findings.map { covered(text, $0) } == ["AKIAIOSFODNN7EXAMPLE", github, "Pa55word"])
    }

    @Test func unicodeAroundFindings() {
        let text = "🔑 clé: AKIAIOSFODNN7EXAMPLE — ünïcødé 秘密 postgres://ü:Pässwört@h/db ✓"
        let (redacted, findings) = SecretScanner().redact(text)
        #expect(
            redacted
                == "🔑 clé: [REDACTED:aws-access-key-id] — ünïcødé 秘密 postgres://ü:[REDACTED:database-url-password]@h/db ✓"
        )
        // Offsets are UTF-8 bytes: the emoji is 4 bytes, "é" 2.
        #expect(findings.first?.range == 11..<31)
        #expect(findings.first.flatMap { $0.range(in: text) }.map { String(text[$0]) } == "AKIAIOSFODNN7EXAMPLE")
        #expect(findings.last.flatMap { $0.range(in: text) }.map { String(text[$0]) } == "Pässwört")
    }

    @Test func overlappingFindingsBecomeOneMarker() {
        let jwt = Fake.jwt()
        let (redacted, findings) = SecretScanner().redact("Authorization: Bearer \(jwt)\r\n")
        #expect(redacted == "Authorization: Bearer [REDACTED:jwt]\r\n")
        #expect(findings.count == 1)

        let secret = Fake.awsSecret  // AWS secret and high entropy
        #expect(
            SecretScanner().redact("aws_secret_access_key=\(secret)").text
                == "aws_secret_access_key=[REDACTED:aws-secret-access-key]")
    }

    @Test func partlyOverlappingFindingsMergeToTheirUnion() throws {
        // A custom rule covering `name=value` overlaps the GitHub token inside it: one finding
        // spans both, named after the more specific built-in rule.
        let token = "gh" + "p_" + Fake.string(36, seed: 82)
        let custom = try SecretRule(id: "ci-env", pattern: #"CI_[A-Z_]+=\S+"#)
        let scanner = SecretScanner(rules: SecretRule.builtIn + [custom])
        let text = "env: CI_DEPLOY_TOKEN=\(token) done"
        let (redacted, findings) = scanner.redact(text)
        #expect(redacted == "env: [REDACTED:github-token] done")
        #expect(findings.count == 1)
        #expect(findings.first.map { covered(text, $0) } == "CI_DEPLOY_TOKEN=\(token)")
    }

    @Test func adjacentFindingsStaySeparate() {
        let text = "AKIAIOSFODNN7EXAMPLE\nAKIAIOSFODNN7EXAMPLE"
        #expect(SecretScanner().redact(text).text == "[REDACTED:aws-access-key-id]\n[REDACTED:aws-access-key-id]")
    }

    @Test func cleanTextIsUnchanged() {
        let text = "nothing to see here — ünïcødé"
        let (redacted, findings) = SecretScanner().redact(text)
        #expect(redacted == text)
        #expect(findings.isEmpty)
    }

    @Test func redactedTextScansClean() {
        let text = [
            Fake.pem(), "Authorization: Basic YWxpY2U6c2VjcmV0cGFzcw==", "sk-" + "ant-" + Fake.string(40, seed: 83),
            "Server=db;Password=hunter2;", #"{"client_secret": "\#(Fake.string(40, seed: 84))"}"#, Fake.jwt(),
        ].joined(separator: "\n")
        let (redacted, findings) = SecretScanner().redact(text)
        #expect(findings.count == 6)
        #expect(SecretScanner().scan(redacted).isEmpty)
    }

    @Test func markerFormat() {
        #expect(SecretScanner.marker(for: "jwt") == "[REDACTED:jwt]")
    }
}
