/// One rule of a group: an effect on a set of actions and resources.
public struct PolicyRule: Sendable, Hashable {
    /// A stable identifier, shown as the deciding rule (`groups.NAME.rules[i]` when unnamed).
    public var id: String
    /// Allow or deny.
    public var effect: Decision.Effect
    /// Action-name patterns (`audit.*`, `model.use`, `*`).
    public var actions: [Glob]
    /// Resource patterns; `["*"]` when the rule does not restrict resources.
    public var resources: [Glob]
    /// Why the rule exists; shown to callers it denies.
    public var reason: String?
    /// Obligations attached to an allow.
    public var obligations: [String: String]

    /// Creates a rule.
    public init(
        id: String,
        effect: Decision.Effect,
        actions: [Glob],
        resources: [Glob] = [Glob("*")],
        reason: String? = nil,
        obligations: [String: String] = [:]
    ) {
        self.id = id
        self.effect = effect
        self.actions = actions
        self.resources = resources
        self.reason = reason
        self.obligations = obligations
    }

    /// Whether the rule applies to `action`.
    public func applies(to action: Action) -> Bool {
        actions.contains { $0.matches(action.kind.rawValue) }
            && resources.contains { $0.matches(action.resource) }
    }
}

/// The rules granted to, or imposed on, one group.
public struct GroupPolicy: Sendable, Hashable {
    /// The group name as the identity provider (or SCIM) reports it.
    public var name: String
    /// What the group is for.
    public var description: String?
    /// Rules in the order written.
    public var rules: [PolicyRule]

    /// Creates a group policy.
    public init(name: String, description: String? = nil, rules: [PolicyRule]) {
        self.name = name
        self.description = description
        self.rules = rules
    }
}
