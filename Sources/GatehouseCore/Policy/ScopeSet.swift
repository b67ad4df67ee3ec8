/// The actions an access token is limited to: patterns over action names. An empty set means
/// the token carries its principal's full rights; scopes only ever narrow, never widen.
public struct ScopeSet: Sendable, Hashable, CustomStringConvertible {
    /// The patterns as written (`audit.read`, `model.*`).
    public let patterns: [String]
    private let globs: [Glob]

    /// Scopes from patterns; each must match at least one action.
    public init(_ patterns: [String]) throws(GatehouseError) {
        for pattern in patterns {
            guard ActionKind.allCases.contains(where: { Glob(pattern).matches($0.rawValue) }) else {
                throw GatehouseError(
                    .badRequest,
                    "scope \"\(pattern.prefix(64))\" matches no action (actions: \(ActionKind.allNames.joined(separator: ", ")))"
                )
            }
        }
        self.patterns = patterns
        self.globs = patterns.map(Glob.init)
    }

    /// No restriction.
    public static let unrestricted = try! ScopeSet([])

    /// Whether the set restricts anything.
    public var isUnrestricted: Bool { patterns.isEmpty }

    /// Whether `kind` is within the scopes.
    public func allows(_ kind: ActionKind) -> Bool {
        isUnrestricted || globs.contains { $0.matches(kind.rawValue) }
    }

    /// The actions these scopes allow (all of them when unrestricted).
    public var actions: Set<ActionKind> { Set(ActionKind.allCases.filter(allows)) }

    /// Whether every action `other` allows is also allowed here: a token may only create
    /// tokens narrower than itself. Exact, because the set of actions is closed.
    public func covers(_ other: ScopeSet) -> Bool {
        other.actions.isSubset(of: actions)
    }

    /// The patterns, space-separated, or `*` when unrestricted.
    public var description: String { isUnrestricted ? "*" : patterns.joined(separator: " ") }
}
