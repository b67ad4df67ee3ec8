/// What the router knows about one candidate when a request arrives: gathered by the caller
/// (policy decisions, the engine manager's load, the budget ledger) so the choice itself is pure.
public struct RouteFacts: Sendable, Hashable {
    /// The policy allows this principal the candidate (`model.offload` for a remote one).
    public var allowed: Bool
    /// The rule that decided `allowed`.
    public var rule: String
    /// For a local candidate: the model is in the store.
    public var present: Bool
    /// For a local candidate: requests in flight or queued at its engine.
    public var inFlight: Int
    /// The context length the candidate serves (nil: unknown, assumed large enough).
    public var contextLength: Int?
    /// For a remote candidate: the budget has room for the estimated request.
    public var budgetRoom: Bool

    /// Facts of a candidate.
    public init(
        allowed: Bool, rule: String, present: Bool = true, inFlight: Int = 0, contextLength: Int? = nil,
        budgetRoom: Bool = true
    ) {
        self.allowed = allowed
        self.rule = rule
        self.present = present
        self.inFlight = inFlight
        self.contextLength = contextLength
        self.budgetRoom = budgetRoom
    }
}
