public import GatehouseCore

/// `permissions`: which tool calls run without asking, which are asked about, which never run.
public struct PermissionRules: Sendable, Hashable {
    /// Calls that run without asking.
    public var allow: [ToolPattern]
    /// Calls the user is asked about even when read-only.
    public var ask: [ToolPattern]
    /// Calls that never run.
    public var deny: [ToolPattern]

    /// Creates rules.
    public init(allow: [ToolPattern] = [], ask: [ToolPattern] = [], deny: [ToolPattern] = []) {
        self.allow = allow
        self.ask = ask
        self.deny = deny
    }

    /// What the rules say of a call: deny is looked at first, always, then allow, then ask.
    public func verdict(name: String, arguments: JSONValue) -> PermissionVerdict? {
        if let rule = deny.first(where: { $0.matches(name: name, arguments: arguments) }) { return .deny(rule.text) }
        if let rule = allow.first(where: { $0.matches(name: name, arguments: arguments) }) { return .allow(rule.text) }
        if let rule = ask.first(where: { $0.matches(name: name, arguments: arguments) }) { return .ask(rule.text) }
        return nil
    }
}

/// What decided a tool call, for the event and the audit record.
public enum PermissionVerdict: Sendable, Hashable {
    /// A rule allowed it.
    case allow(String)
    /// A rule asks the user.
    case ask(String)
    /// A rule denied it.
    case deny(String)
}

/// How one call is settled: the file's rules, then what the user approved in this session, then
/// the tool's read-only hint, else the user is asked. A session's approvals are its own: a
/// delegated child session starts with none, so "approve everything" never flows down.
public struct ToolApproval: Sendable, Hashable {
    /// The outcome.
    public enum Outcome: Sendable, Hashable {
        /// Run it; the reason names what allowed it.
        case run(String)
        /// Ask the user first.
        case ask(String)
        /// Refuse it; the reason names the rule.
        case refuse(String)
    }

    /// The file's rules.
    public var rules: PermissionRules
    /// Everything approved for the rest of this session (`approve-session`).
    public var approvedAll = false
    /// Tools approved for the rest of this session (`approve-tool`).
    public var approvedTools: Set<String> = []

    /// Creates an approval state for a new session.
    public init(rules: PermissionRules) {
        self.rules = rules
    }

    /// Settles a call of `name` with `arguments`.
    public func settle(name: String, arguments: JSONValue, readOnly: Bool) -> Outcome {
        switch rules.verdict(name: name, arguments: arguments) {
        case .deny(let rule): return .refuse("denied by the permission rule \"\(rule)\"")
        case .allow(let rule): return .run("allowed by the permission rule \"\(rule)\"")
        case .ask(let rule):
            if approvedAll || approvedTools.contains(name) { return .run("approved by the user for this session") }
            return .ask("the permission rule \"\(rule)\" asks first")
        case nil:
            if approvedAll || approvedTools.contains(name) { return .run("approved by the user for this session") }
            if readOnly { return .run("read-only tool") }
            return .ask("no permission rule allows it")
        }
    }
}
