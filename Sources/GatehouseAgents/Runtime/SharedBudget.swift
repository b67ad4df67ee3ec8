/// One token and cost budget for a whole delegation tree: every model call of every session
/// of a run is charged here, and the run stops once it is spent.
public actor SharedBudget {
    /// The most tokens (in plus out) the run may use; nil for no limit.
    public nonisolated let maxTokens: Int?
    /// The most cost, in millionths of the currency; nil for no limit.
    public nonisolated let maxCostMicros: Int64?
    /// Tokens used so far.
    public private(set) var tokens = 0
    /// Cost so far.
    public private(set) var costMicros: Int64 = 0

    /// Creates a budget.
    public init(maxTokens: Int?, maxCostMicros: Int64?) {
        self.maxTokens = maxTokens
        self.maxCostMicros = maxCostMicros
    }

    /// Charges one model call.
    public func charge(tokens used: Int, costMicros cost: Int64) {
        tokens += used
        costMicros += cost
    }

    /// Why the run may not make another model call, or nil.
    public func exhausted() -> String? {
        if let maxTokens, tokens >= maxTokens {
            return "the run's token budget is spent (\(tokens) of \(maxTokens) tokens, across all its agents)"
        }
        if let maxCostMicros, costMicros >= maxCostMicros {
            return
                "the run's cost budget is spent (\(costMicros) of \(maxCostMicros) micro-units, across all its agents)"
        }
        return nil
    }
}

/// Stops an agent that keeps making the same call: the same tool with the same arguments,
/// `limit` times in a row, is a loop.
public struct LoopBreaker: Sendable {
    /// How many identical calls in a row stop the run.
    public let limit: Int
    private var last: String?
    private var repeats = 0

    /// Creates a breaker.
    public init(limit: Int = 3) {
        self.limit = limit
    }

    /// Records a call; true when it completes a loop.
    public mutating func record(_ call: ToolCall) -> Bool {
        let canonical = call.name + "\u{0}" + (JSONCanonical.text(call.arguments) ?? call.arguments)
        if canonical == last {
            repeats += 1
        } else {
            last = canonical
            repeats = 1
        }
        return repeats >= limit
    }
}
