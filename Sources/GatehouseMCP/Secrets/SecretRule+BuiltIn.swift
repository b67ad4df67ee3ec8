extension SecretRule {
    /// Gatehouse's own rules, most specific first: cloud keys, service tokens, private keys,
    /// connection-string passwords, JWTs and `Authorization` header values. The high-entropy
    /// heuristic is not in this list; ``SecretScanner`` adds it when asked (`entropy: true`).
    public static let builtIn: [SecretRule] =
        SecretRules.cloud + SecretRules.tokens + SecretRules.privateKeys + SecretRules.connectionStrings
        + SecretRules.jwt + SecretRules.headers
}

/// The built-in rules, grouped by file (`SecretRules+Cloud.swift`, `SecretRules+Tokens.swift`...).
enum SecretRules {}

/// Precedence of rules whose findings overlap: the highest names the merged finding.
enum Precedence {
    /// A key inside a structure that says what it is (a service-account file).
    static let container = 95
    /// A PEM private key block.
    static let privateKey = 90
    /// A token whose prefix is a longer form of another rule's prefix (`sk-ant-` vs `sk-`).
    static let specificToken = 85
    /// A token or cloud key recognised by its vendor prefix or shape.
    static let token = 80
    /// A password in a database URL or connection string.
    static let connectionString = 70
    /// A JSON Web Token.
    static let jwt = 60
    /// A rule from configuration.
    static let custom = 50
    /// The value of an `Authorization` header, whatever the token inside.
    static let header = 40
    /// The high-entropy heuristic.
    static let heuristic = 10
}

extension SecretRules {
    /// A vendor-prefixed token: one of `prefixes`, then `length` bytes of `body`, standing
    /// alone (no letter, digit or body byte right before the prefix or after the body), and
    /// accepted by `accept` (which sees the body's range) when given.
    static func prefixed(
        _ id: String, _ category: SecretRule.Category, _ description: String, prefixes: [String],
        body: ByteSet, length: ClosedRange<Int>, precedence: Int = Precedence.token,
        accept: (@Sendable (ScanInput, Range<Int>) -> Bool)? = nil
    ) -> SecretRule {
        let word = body.union(.alnum)
        return SecretRule(
            id: id, category: category, description: description, precedence: precedence,
            anchors: prefixes.map { Anchor($0) }
        ) { input, start, end in
            guard input.isBoundary(at: start - 1, for: word) else { return nil }
            let stop = input.runEnd(from: end, in: body, limit: length.upperBound + 1)
            guard length.contains(stop - end), input.isBoundary(at: stop, for: word) else { return nil }
            if let accept, !accept(input, end..<stop) { return nil }
            return start..<stop
        }
    }
}
