import Foundation
import Testing

@testable import GatehouseMCP

/// Scans stay linear: each built-in rule is anchored on a literal and does bounded work per
/// occurrence. No sleeps, no tight timing: the bounds are generous enough for a debug build on
/// a busy machine and still catch anything quadratic (which would take minutes on 1 MB).
@Suite struct ScannerPerformanceTests {
    /// About 4 KB of tool traffic with six secrets in it.
    static func chunk(_ n: Int) -> String {
        let sha = "3f786850e387550fdab836ed7e6dc881de23001b"
        return """
            {"jsonrpc":"2.0","id":\(n),"result":{"content":[{"type":"text","text":"Listed 42 files in /srv/app (sorted by name)"}],"isError":false}}
            2024-05-01T12:34:56.789Z INFO request_id=550e8400-e29b-41d4-a716-446655440000 commit=\(sha) took 12ms
            The deployment key rotates weekly; ask the platform team for a token if the secret store is unavailable.
            let url = URL(string: "https://api.example.com/v1/items?page=\(n)&key=value")!
            image: registry.example.com/app@sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
            blob: \(Fake.string(200, from: Fake.base64, seed: UInt64(n)))
            aws_access_key_id = AKIAIOSFODNN7EXAMPLE
            GITHUB_TOKEN=\("gh" + "p_" + Fake.string(36, seed: 200))
            DATABASE_URL=postgres://app:Pa55word@db.internal:5432/app
            {"id_token": "\(Fake.jwt())", "api_key": "\(Fake.string(40, seed: 201))"}
            \(Fake.pem("EC "))
            \(String(repeating: "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor. ", count: 30))
            """
    }

    static func elapsed(_ body: () -> Void) -> Duration {
        let clock = ContinuousClock()
        let start = clock.now
        body()
        return clock.now - start
    }

    @Test func oneMegabyteOfMixedInput() {
        var text = ""
        var chunks = 0
        while text.utf8.count < 1_000_000 {
            text += Self.chunk(chunks) + "\n"
            chunks += 1
        }
        let scanner = SecretScanner()
        var findings: [SecretFinding] = []
        let time = Self.elapsed { findings = scanner.scan(text) }
        #expect(findings.count == 6 * chunks)
        #expect(time < .seconds(5), "1 MB took \(time)")
    }

    @Test(arguments: [
        "a", "key=", "sk-", "eyJ", "AKIA", Fake.begin(""), "postgres://a:b@", "Password=x ", "jdbc:",
        "Authorization: Bearer ", "\"private_key\": \"", "api_key=Ab1", "://", "hooks.slack.com/services/",
        "?sig=", "sv=", "SG.", "aws_secret=", "pwd=pwd=",
    ])
    func pathologicalRepetition(unit: String) {
        let text = String(repeating: unit, count: 512 * 1024 / unit.utf8.count)
        let scanner = SecretScanner()
        let time = Self.elapsed { _ = scanner.scan(text) }
        #expect(time < .seconds(5), "\(unit.debugDescription) × \(text.utf8.count / unit.utf8.count) took \(time)")
    }

    @Test func longRunsOfTokenCharacters() {
        for text in [
            "api_key=" + Fake.string(1_000_000, from: Fake.base64, seed: 3),
            "eyJ" + Fake.string(1_000_000, from: Fake.base64URL, seed: 4),
            Fake.begin("") + "\n" + String(repeating: Fake.string(64, seed: 5) + "\n", count: 15_000),
        ] {
            let time = Self.elapsed { _ = SecretScanner().scan(text) }
            #expect(time < .seconds(5), "took \(time)")
        }
    }
}
