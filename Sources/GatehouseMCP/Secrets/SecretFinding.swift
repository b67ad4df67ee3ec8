/// A secret found in a text: which rule found it and where. It never holds the secret itself,
/// so findings can be logged, audited and returned to callers as they are.
public struct SecretFinding: Sendable, Hashable {
    /// The stable identifier of the rule that found it, e.g. `aws-access-key-id`.
    public let rule: String
    /// What kind of secret it is.
    public let category: SecretRule.Category
    /// Where it is: UTF-8 byte offsets into the scanned text, half-open. Slice with
    /// `text.utf8`, or get a `String.Index` range with ``range(in:)``.
    public let range: Range<Int>
    /// What the rule finds, in words (`AWS access key ID`); never the secret value.
    public let description: String

    /// Creates a finding.
    public init(rule: String, category: SecretRule.Category, range: Range<Int>, description: String) {
        self.rule = rule
        self.category = category
        self.range = range
        self.description = description
    }

    /// One line for logs and audit records, e.g. `aws-access-key-id at bytes 10..30` (the end
    /// offset is exclusive, as in ``range``).
    public var summary: String { "\(rule) at bytes \(range.lowerBound)..\(range.upperBound)" }

    /// The finding's range as `String.Index`es of `text`, the string that was scanned; nil if
    /// the offsets do not fit `text` (another string).
    public func range(in text: String) -> Range<String.Index>? {
        let utf8 = text.utf8
        guard range.upperBound <= utf8.count,
            let lower = utf8.index(utf8.startIndex, offsetBy: range.lowerBound, limitedBy: utf8.endIndex),
            let upper = utf8.index(lower, offsetBy: range.count, limitedBy: utf8.endIndex)
        else { return nil }
        return lower..<upper
    }
}
