/// The one policy every request is decided by. Pure: no I/O, no clock, no globals.
///
/// Rules are declared per group. A principal is subject to the rules of each of its groups
/// plus the ``authenticatedGroup`` (unless anonymous). Any matching deny wins; otherwise the
/// first matching allow (groups by name, rules in written order) decides; otherwise the
/// request is denied by default.
public struct Policy: Sendable, Hashable {
    /// The pseudo-group every authenticated principal belongs to.
    public static let authenticatedGroup = "authenticated"

    /// Group policies by name.
    public let groups: [String: GroupPolicy]

    /// Creates a policy from group policies.
    public init(groups: [GroupPolicy]) {
        var byName: [String: GroupPolicy] = [:]
        for group in groups { byName[group.name] = group }
        self.groups = byName
    }

    /// The groups whose rules apply to `principal`, sorted by name.
    public func effectiveGroups(of principal: Principal) -> [String] {
        var names = Set(principal.groups)
        if principal.authMethod != .anonymous { names.insert(Self.authenticatedGroup) }
        return names.sorted()
    }

    /// Decides whether `principal`, holding a credential limited to `scopes`, may perform
    /// `action`. Scopes can only turn an allow into a deny.
    public func decide(_ principal: Principal, _ action: Action, scopes: ScopeSet) -> Decision {
        let decision = decide(principal, action)
        guard decision.isAllowed, !scopes.allows(action.kind) else { return decision }
        return Decision(
            effect: .deny, rule: Self.tokenScopeRule,
            reason: "the token's scopes (\(scopes)) do not include \(action.kind.rawValue)")
    }

    /// The rule named when a token's scopes refuse an action the groups would allow.
    public static let tokenScopeRule = "token-scope"

    /// Decides whether `principal` may perform `action`.
    public func decide(_ principal: Principal, _ action: Action) -> Decision {
        var firstAllow: PolicyRule?
        var obligations: [String: String] = [:]
        for name in effectiveGroups(of: principal) {
            guard let group = groups[name] else { continue }
            for rule in group.rules where rule.applies(to: action) {
                switch rule.effect {
                case .deny:
                    return Decision(
                        effect: .deny, rule: rule.id,
                        reason: rule.reason
                            ?? "\(action.kind.rawValue) on \(action.resource) is denied by rule \(rule.id)")
                case .allow:
                    if firstAllow == nil { firstAllow = rule }
                    obligations.merge(rule.obligations) { current, _ in current }
                }
            }
        }
        if let rule = firstAllow {
            return Decision(
                effect: .allow, rule: rule.id,
                reason: rule.reason ?? "allowed by rule \(rule.id)", obligations: obligations)
        }
        let groupList = effectiveGroups(of: principal).joined(separator: ", ")
        return Decision(
            effect: .deny, rule: Decision.defaultDenyRule,
            reason:
                "no rule allows \(action.kind.rawValue) on \(action.resource) for groups [\(groupList)]")
    }
}
