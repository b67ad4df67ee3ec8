/// One way of recognising a secret in text: a stable identifier, a category, and a matcher.
///
/// The built-in rules (``builtIn``) are hand-written byte matchers, each anchored on a literal
/// (`AKIA`, `ghp_`, `-----BEGIN `, `://`, a keyword...), so a scan is one pass over the text
/// whatever the number of rules. Custom rules from configuration are regular expressions
/// (``init(id:pattern:category:description:)``); each costs one extra pass.
public struct SecretRule: Sendable, Identifiable {
    /// What kind of secret a rule finds.
    public enum Category: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
        /// A cloud provider credential: AWS, Google Cloud, Azure.
        case cloudKey = "cloud-key"
        /// An API token of a service: GitHub, Slack, Stripe, OpenAI, an `Authorization` header...
        case token
        /// A PEM private key block, or a key inside a service-account file.
        case privateKey = "private-key"
        /// A password inside a database URL or connection string.
        case connectionString = "connection-string"
        /// A JSON Web Token.
        case jwt
        /// A random-looking value assigned to a secret-sounding name.
        case highEntropy = "high-entropy"

        /// The wire form, e.g. `cloud-key`.
        public var description: String { rawValue }
    }

    /// The stable identifier, e.g. `aws-access-key-id`; it appears in findings and in
    /// redaction markers (`[REDACTED:aws-access-key-id]`).
    public let id: String
    /// What kind of secret this rule finds.
    public let category: Category
    /// What the rule finds, in words (`AWS access key ID`); never contains a secret.
    public let description: String
    /// When findings of several rules overlap, the highest precedence names the merged finding
    /// ("most specific wins"): an Anthropic key beats the OpenAI `sk-` shape, a JWT beats the
    /// `Authorization: Bearer` value around it, anything beats the high-entropy heuristic.
    let precedence: Int
    let matcher: Matcher

    /// How a rule finds its matches.
    enum Matcher: Sendable {
        /// Wherever one of the literals occurs, `match` is asked for the secret's byte range
        /// (it receives the anchor's start and end). It must do bounded work per call.
        case anchored([Anchor], @Sendable (ScanInput, Int, Int) -> Range<Int>?)
        /// A regular expression from configuration.
        case pattern(PatternMatcher)
    }

    init(
        id: String, category: Category, description: String, precedence: Int,
        anchors: [Anchor], match: @escaping @Sendable (ScanInput, Int, Int) -> Range<Int>?
    ) {
        self.id = id
        self.category = category
        self.description = description
        self.precedence = precedence
        self.matcher = .anchored(anchors, match)
    }

    init(id: String, category: Category, description: String, precedence: Int, pattern: PatternMatcher) {
        self.id = id
        self.category = category
        self.description = description
        self.precedence = precedence
        self.matcher = .pattern(pattern)
    }
}

/// A literal a built-in matcher is anchored on.
struct Anchor: Sendable {
    /// The literal; lower case when `caseInsensitive`.
    let bytes: [UInt8]
    /// Whether ASCII letters in the text compare without case.
    let caseInsensitive: Bool

    /// A case-sensitive anchor.
    init(_ literal: String) {
        bytes = Array(literal.utf8)
        caseInsensitive = false
    }

    /// An anchor matched regardless of ASCII case.
    static func anyCase(_ literal: String) -> Anchor {
        Anchor(bytes: Array(literal.lowercased().utf8), caseInsensitive: true)
    }

    private init(bytes: [UInt8], caseInsensitive: Bool) {
        self.bytes = bytes
        self.caseInsensitive = caseInsensitive
    }
}
