public import Foundation

/// The limits and surroundings of a run.
public struct RunSettings: Sendable, Hashable {
    /// Model calls per turn when the agent sets no `max_iterations`.
    public var defaultMaxIterations = 30
    /// Identical tool calls in a row that stop the run.
    public var loopLimit = 3
    /// The context size assumed when the model's `provider_opts` give no `context_size`.
    public var contextTokens = 32_768
    /// The share of the context at which the history is compacted.
    public var compactionThreshold = 0.9
    /// How deep `transfer_task` may nest.
    public var maxDepth = 8
    /// The workspace (for `add_environment_info`).
    public var workspace: String?
    /// Now (for `add_date`).
    public var now: @Sendable () -> Date = { Date() }

    /// Creates settings.
    public init() {}

    public static func == (lhs: RunSettings, rhs: RunSettings) -> Bool {
        lhs.defaultMaxIterations == rhs.defaultMaxIterations && lhs.loopLimit == rhs.loopLimit
            && lhs.contextTokens == rhs.contextTokens && lhs.maxDepth == rhs.maxDepth && lhs.workspace == rhs.workspace
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(defaultMaxIterations)
        hasher.combine(workspace)
    }
}

/// Why a turn ended early.
public struct RunStop: Error, Sendable, Hashable {
    /// `budget_exhausted`, `loop_detected`, `max_iterations`, `model_failed`, `refused`.
    public var code: String
    /// What happened, for the user.
    public var message: String
    /// Whether the session may go on with another message (a loop or the iteration limit end
    /// one turn; a spent budget ends the run).
    public var isFinal: Bool

    /// Creates a stop.
    public init(code: String, message: String, isFinal: Bool = false) {
        self.code = code
        self.message = message
        self.isFinal = isFinal
    }
}
