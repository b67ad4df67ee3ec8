import Testing

@testable import GatehouseMCP

@Suite struct SecretFindingTests {
    @Test func summaryNamesRuleAndBytes() {
        let text = "key: AKIAIOSFODNN7EXAMPLE"
        let finding = scan(text).first
        #expect(finding?.summary == "aws-access-key-id at bytes 5..25")
        #expect(finding?.category == .cloudKey)
        #expect(finding?.description == "AWS access key ID")
    }

    @Test func rangeInAnotherStringThatIsTooShort() {
        let finding = SecretFinding(rule: "x", category: .token, range: 5..<50, description: "x")
        #expect(finding.range(in: "short") == nil)
    }

    /// Every built-in rule on one sample: the findings, printed any way, never hold the secret.
    @Test func findingsNeverContainTheSecret() throws {
        let samples = [
            "AKIAIOSFODNN7EXAMPLE", "gh" + "p_" + Fake.string(36, seed: 101), Fake.jwt(), Fake.pem(),
            "xo" + "xb-123456789012-" + Fake.string(24, seed: 102), "Pa55w0rd-\(Fake.string(8, seed: 103))",
            Fake.string(40, seed: 104),
        ]
        let text = """
            \(samples[0]) \(samples[1]) \(samples[2])
            \(samples[3])
            \(samples[4]) postgres://u:\(samples[5])@h/db
            {"client_secret": "\(samples[6])"}
            """
        let findings = scan(text)
        #expect(findings.count == samples.count)
        for finding in findings {
            for sample in samples {
                #expect(!finding.summary.contains(sample))
                #expect(!finding.description.contains(sample))
                #expect(!String(describing: finding).contains(sample))
                #expect(!String(reflecting: finding).contains(sample))
            }
        }
    }

    @Test func builtInRuleIDsAreUniqueAndCategorised() {
        let ids = SecretRule.builtIn.map(\.id)
        #expect(Set(ids).count == ids.count)
        #expect(
            Set(SecretRule.builtIn.map(\.category)) == Set(SecretRule.Category.allCases).subtracting([.highEntropy]))
        #expect(
            SecretRule.Category.allCases.map(\.description) == [
                "cloud-key", "token", "private-key", "connection-string", "jwt", "high-entropy",
            ])
    }

    @Test func scannerIsSendable() async {
        let scanner = SecretScanner()
        let text = "AKIAIOSFODNN7EXAMPLE"
        let counts = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<8 { group.addTask { scanner.scan(text).count } }
            return await group.reduce(0, +)
        }
        #expect(counts == 8)
    }
}
