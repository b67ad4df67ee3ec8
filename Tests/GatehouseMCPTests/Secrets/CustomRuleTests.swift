import Testing

@testable import GatehouseMCP

@Suite struct CustomRuleTests {
    @Test func customPattern() throws {
        let rule = try SecretRule(id: "acme-token", pattern: #"\bacme_[a-z0-9]{32}\b"#)
        #expect(rule.id == "acme-token")
        #expect(rule.category == .token)
        let token = "acme_" + Fake.string(32, from: Fake.lowerHex, seed: 91)
        let scanner = SecretScanner(rules: [rule], entropy: false)
        expectSingle("acme-token", in: "ACME=\(token)\n", covering: token, scanner: scanner)
        #expect(scanner.scan(token).first?.description == "custom rule acme-token")
    }

    @Test func customRuleAlongsideBuiltIns() throws {
        let rule = try SecretRule(
            id: "acme-token", pattern: "acme_[a-z0-9]{32}", category: .cloudKey, description: "ACME cloud token")
        let token = "acme_" + Fake.string(32, from: Fake.lowerHex, seed: 92)
        let scanner = SecretScanner(rules: SecretRule.builtIn + [rule])
        let findings = scanner.scan("a=\(token) b=AKIAIOSFODNN7EXAMPLE")
        #expect(findings.map(\.rule) == ["acme-token", "aws-access-key-id"])
        #expect(findings.first?.category == .cloudKey)
        #expect(findings.first?.description == "ACME cloud token")
    }

    @Test func secretGroupNarrowsTheFinding() throws {
        let rule = try SecretRule(id: "acme-key", pattern: #"(?i)acme_key\s*=\s*(?<secret>[a-z0-9]{40})"#)
        let value = Fake.string(40, from: Fake.lowerHex, seed: 93)
        expectSingle(
            "acme-key", in: "ACME_KEY = \(value)", covering: value,
            scanner: SecretScanner(rules: [rule], entropy: false))
    }

    @Test func customFindingOffsetsAreUTF8() throws {
        let rule = try SecretRule(id: "literal", pattern: "hunter2")
        let text = "ünï 🔑 hunter2 ✓"
        let findings = SecretScanner(rules: [rule], entropy: false).scan(text)
        #expect(findings.map(\.range) == [11..<18])
        #expect(findings.first.map { covered(text, $0) } == "hunter2")
        #expect(SecretScanner(rules: [rule], entropy: false).redact(text).text == "ünï 🔑 [REDACTED:literal] ✓")
    }

    @Test func badPatternNamesTheRule() {
        let pattern = "acme_(unclosed[a-z]{32}"
        let error = #expect(throws: SecretRuleError.self) {
            try SecretRule(id: "acme-bad", pattern: pattern)
        }
        #expect(error?.ruleID == "acme-bad")
        #expect(error?.description.hasPrefix("secret rule 'acme-bad': pattern does not compile") == true)
        // A pattern may be a literal secret on a deny list: the error must not repeat it.
        #expect(error?.description.contains(pattern) == false)
    }

    @Test func patternMatchingTheEmptyStringIsRefused() {
        let error = #expect(throws: SecretRuleError.self) { try SecretRule(id: "greedy", pattern: "x*") }
        #expect(error?.description == "secret rule 'greedy': pattern matches the empty string")
    }

    @Test(arguments: ["", "has space", "marker]", "ünï"])
    func badIdentifiers(id: String) {
        let error = #expect(throws: SecretRuleError.self) { try SecretRule(id: id, pattern: "abc") }
        #expect(error?.ruleID == id)
    }

    @Test func containsSecretWithCustomRulesOnly() throws {
        let scanner = SecretScanner(rules: [try SecretRule(id: "x", pattern: "forbidden-word")], entropy: false)
        #expect(scanner.containsSecret("this has a forbidden-word in it"))
        #expect(!scanner.containsSecret("AKIAIOSFODNN7EXAMPLE"))  // built-ins not in use
    }
}
