/// Filters for reading the audit trail. Empty filters match everything.
public struct AuditQuery: Sendable, Hashable {
    /// Exact subject.
    public var subject: String?
    /// Exact action name.
    public var action: String?
    /// `allow` or `deny`.
    public var decision: String?
    /// Only records at or after this time (microseconds since the epoch).
    public var sinceMicros: Int64?
    /// Only records before this time.
    public var untilMicros: Int64?
    /// At most this many records (1...10,000).
    public var limit: Int

    /// The largest page a query may ask for.
    public static let maxLimit = 10_000

    /// Creates a query; `limit` is clamped to 1...``maxLimit``.
    public init(
        subject: String? = nil, action: String? = nil, decision: String? = nil,
        sinceMicros: Int64? = nil, untilMicros: Int64? = nil, limit: Int = 100
    ) {
        self.subject = subject
        self.action = action
        self.decision = decision
        self.sinceMicros = sinceMicros
        self.untilMicros = untilMicros
        self.limit = min(max(limit, 1), Self.maxLimit)
    }
}
