/// The outcome of ``Policy/decide(_:_:)``: allow or deny, and why.
public struct Decision: Sendable, Hashable, Codable {
    /// Allow or deny.
    public enum Effect: String, Sendable, Hashable, Codable {
        case allow
        case deny
    }

    /// Allow or deny.
    public var effect: Effect
    /// The identifier of the rule that decided (`default-deny` when none matched).
    public var rule: String
    /// A human explanation, safe to show to the caller.
    public var reason: String
    /// What the performer must do when allowed (inject credentials, cap tokens, …).
    public var obligations: [String: String]

    /// Creates a decision.
    public init(effect: Effect, rule: String, reason: String, obligations: [String: String] = [:]) {
        self.effect = effect
        self.rule = rule
        self.reason = reason
        self.obligations = obligations
    }

    /// Whether the action may be performed.
    public var isAllowed: Bool { effect == .allow }

    /// The rule identifier used when no rule matched.
    public static let defaultDenyRule = "default-deny"
}
