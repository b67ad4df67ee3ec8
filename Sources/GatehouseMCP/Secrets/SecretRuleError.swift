/// Why a custom ``SecretRule`` could not be made. It names the rule and says what is wrong
/// with its identifier or pattern; it never quotes the scanned text.
public struct SecretRuleError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The identifier of the rule in question, as configured.
    public let ruleID: String
    /// What is wrong, e.g. `pattern does not compile: expected ')'`.
    public let reason: String

    /// Creates an error.
    public init(ruleID: String, reason: String) {
        self.ruleID = ruleID
        self.reason = reason
    }

    /// `secret rule 'acme-token': pattern does not compile: expected ')'`.
    public var description: String { "secret rule '\(ruleID)': \(reason)" }
}
