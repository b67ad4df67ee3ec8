public import Foundation

/// One model request's token usage and cost, as the inference layer records it.
public struct UsageRecord: Sendable, Hashable {
    /// When the request finished.
    public var at: Date
    /// Who made it: the principal's key, `issuer#subject`.
    public var principal: String
    /// The principal's display name at the time, for reports.
    public var principalDisplay: String?
    /// The principal's groups at the time; per-group totals count the record in each.
    public var groups: [String]
    /// The model the client asked for (an alias or a model store name).
    public var model: String
    /// Where it was served: `local/NAME` or `UPSTREAM/MODEL`.
    public var route: String
    /// Prompt (input) tokens.
    public var promptTokens: Int
    /// Completion (output) tokens.
    public var completionTokens: Int
    /// The cost, in millionths of the currency unit.
    public var costMicros: Int64
    /// Whether Gatehouse counted the tokens itself because the engine reported none.
    public var estimated: Bool

    /// Creates a record.
    public init(
        at: Date, principal: String, principalDisplay: String? = nil, groups: [String] = [], model: String,
        route: String, promptTokens: Int, completionTokens: Int, costMicros: Int64, estimated: Bool = false
    ) {
        self.at = at
        self.principal = principal
        self.principalDisplay = principalDisplay
        self.groups = groups
        self.model = model
        self.route = route
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        self.costMicros = costMicros
        self.estimated = estimated
    }
}

/// What usage totals are summed by.
public enum UsageGrouping: String, Sendable, Hashable, CaseIterable {
    /// By principal key (`issuer#subject`).
    case user
    /// By group: a record counts once in each of its groups.
    case group
    /// By the model the client asked for.
    case model
    /// By route (`local/NAME`, `UPSTREAM/MODEL`).
    case route
}

/// The sums of the usage records sharing one key.
public struct UsageTotal: Sendable, Hashable {
    /// The principal key, group, model or route.
    public var key: String
    /// How many records (requests).
    public var requests: Int
    /// Prompt tokens summed.
    public var promptTokens: Int
    /// Completion tokens summed.
    public var completionTokens: Int
    /// Cost summed, in millionths of the currency unit.
    public var costMicros: Int64

    /// Creates a total; the defaults are those of a key without records.
    public init(key: String, requests: Int = 0, promptTokens: Int = 0, completionTokens: Int = 0, costMicros: Int64 = 0)
    {
        self.key = key
        self.requests = requests
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        self.costMicros = costMicros
    }
}

/// Which usage records to sum, and by what. Records count when `since <= at < until`.
public struct UsageQuery: Sendable, Hashable {
    /// The start of the window (inclusive).
    public var since: Date
    /// The end of the window (exclusive); nil: no end.
    public var until: Date?
    /// Only this principal's records (`issuer#subject`).
    public var principal: String?
    /// Only records of principals then in this group.
    public var group: String?
    /// What totals are summed by.
    public var by: UsageGrouping

    /// Creates a query.
    public init(since: Date, until: Date? = nil, principal: String? = nil, group: String? = nil, by: UsageGrouping) {
        self.since = since
        self.until = until
        self.principal = principal
        self.group = group
        self.by = by
    }
}

/// A principal's and its groups' spend since a time: what budgets are checked against.
public struct UsageSpend: Sendable, Hashable {
    /// The principal's total (zero when it has no records).
    public var principal: UsageTotal
    /// Each group asked about, with its total (zero when it has no records).
    public var groups: [String: UsageTotal]

    /// Creates a spend.
    public init(principal: UsageTotal, groups: [String: UsageTotal]) {
        self.principal = principal
        self.groups = groups
    }
}
