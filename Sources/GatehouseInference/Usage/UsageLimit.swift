/// One limit of the `inference.limits` configuration: a monthly budget and/or rpm and tpm caps
/// for a group (as a whole, or each member separately) or for one person.
public struct UsageLimit: Sendable, Hashable {
    /// Who a limit applies to.
    public enum Scope: Sendable, Hashable {
        /// The group's members together.
        case group(String)
        /// Each member of the group on their own.
        case eachMember(String)
        /// The principal with this subject.
        case user(String)
    }

    /// The id named in refusals and the audit trail.
    public var id: String
    /// Who it applies to.
    public var scope: Scope
    /// The most that may be spent in a calendar month (UTC), in millionths of the currency.
    public var monthlyBudgetMicros: Int64?
    /// Requests per minute.
    public var rpm: Int?
    /// Tokens (prompt and completion) per minute.
    public var tpm: Int?

    /// A limit.
    public init(id: String, scope: Scope, monthlyBudgetMicros: Int64? = nil, rpm: Int? = nil, tpm: Int? = nil) {
        self.id = id
        self.scope = scope
        self.monthlyBudgetMicros = monthlyBudgetMicros
        self.rpm = rpm
        self.tpm = tpm
    }

    /// The key whose usage this limit counts for a principal, nil when it does not apply.
    func key(principal: String, subject: String, groups: [String]) -> SpendKey? {
        switch scope {
        case .group(let name): groups.contains(name) ? .group(name) : nil
        case .eachMember(let name): groups.contains(name) ? .principal(principal) : nil
        case .user(let wanted): wanted == subject ? .principal(principal) : nil
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
