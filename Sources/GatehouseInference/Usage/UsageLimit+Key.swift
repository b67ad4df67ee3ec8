public import GatehouseCore

extension UsageLimit {
    /// The key whose usage this limit counts for a principal, nil when it does not apply: the
    /// group's shared key, or the principal's own for `per_user` and `user` limits.
    func key(principal: String, subject: String, groups: [String]) -> SpendKey? {
        switch self.subject {
        case .group(let name) where groups.contains(name): perUser ? .principal(principal) : .group(name)
        case .user(let wanted) where wanted == subject: .principal(principal)
        default: nil
        }
    }
}

/// Whose spend a budget counts: one principal's (by key, issuer#subject) or a group's.
public enum SpendKey: Sendable, Hashable, CustomStringConvertible {
    /// One principal.
    case principal(String)
    /// A group's members together.
    case group(String)

    /// `principal:KEY` or `group:NAME`.
    public var description: String {
        switch self {
        case .principal(let key): "principal:" + key
        case .group(let name): "group:" + name
        }
    }
}

/// A request refused by a usage limit: which limit, why, and the error the caller gets
/// (`rate_limited` for rpm and tpm, `budget_exceeded` for a spent budget).
public struct LimitRefusal: Error, Sendable {
    /// The limit's id.
    public var limit: String
    /// What was reached, for the caller and the audit record.
    public var reason: String
    /// The error code.
    public var code: GatehouseError.Code
}
