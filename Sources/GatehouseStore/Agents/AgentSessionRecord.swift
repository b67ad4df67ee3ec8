public import Foundation

/// One agent session (a run of an agent file, or a delegated child run), as stored.
public struct AgentSessionRecord: Sendable, Hashable {
    /// 32 lowercase hex digits; the primary key.
    public var id: String
    /// The delegating session, for `transfer_task` children; nil for a top-level run.
    public var parentID: String?
    /// Who started it: the principal's key, `issuer#subject`. Never changes once stored.
    public var owner: String
    /// The agent file's name as given.
    public var fileName: String
    /// The agent that ran (e.g. `root`).
    public var agent: String
    /// The first user message, cut to ``maxTitleLength`` characters.
    public var title: String
    /// One of ``states``: `running`, `finished`, `failed` or `stopped`.
    public var state: String
    /// When it started, in microseconds since the epoch.
    public var createdMicros: Int64
    /// When it was last saved, in microseconds since the epoch.
    public var updatedMicros: Int64
    /// Input (prompt) tokens so far.
    public var tokensIn: Int64
    /// Output (completion) tokens so far.
    public var tokensOut: Int64
    /// The cost so far, in millionths of the currency unit.
    public var costMicros: Int64
    /// Why it failed, when it did.
    public var error: String?
    /// The conversation, JSON encoded by the caller (opaque here), at most ``maxMessagesBytes``.
    public var messages: Data

    /// The states a session can be in.
    public static let states: Set<String> = ["running", "finished", "failed", "stopped"]
    /// The longest title, in characters.
    public static let maxTitleLength = 200
    /// The largest encoded conversation, in bytes (16 MiB).
    public static let maxMessagesBytes = 16 << 20

    /// Creates a record.
    public init(
        id: String, parentID: String? = nil, owner: String, fileName: String, agent: String, title: String,
        state: String, createdMicros: Int64, updatedMicros: Int64, tokensIn: Int64, tokensOut: Int64,
        costMicros: Int64, error: String? = nil, messages: Data
    ) {
        self.id = id
        self.parentID = parentID
        self.owner = owner
        self.fileName = fileName
        self.agent = agent
        self.title = title
        self.state = state
        self.createdMicros = createdMicros
        self.updatedMicros = updatedMicros
        self.tokensIn = tokensIn
        self.tokensOut = tokensOut
        self.costMicros = costMicros
        self.error = error
        self.messages = messages
    }
}

/// Which agent sessions to list: newest first by creation time, then id.
public struct AgentSessionQuery: Sendable, Hashable {
    /// Only this principal's sessions (`issuer#subject`); nil: everyone's.
    public var owner: String?
    /// Only the children this session delegated to; nil: any session.
    public var parentID: String?
    /// At most this many sessions (1...``maxLimit``).
    public var limit: Int
    /// Whether records carry their conversation; false leaves `messages` empty, so listing is cheap.
    public var includeMessages: Bool

    /// The largest page a query may ask for.
    public static let maxLimit = 1_000

    /// Creates a query; `limit` is clamped to 1...``maxLimit``.
    public init(owner: String? = nil, parentID: String? = nil, limit: Int = 100, includeMessages: Bool = false) {
        self.owner = owner
        self.parentID = parentID
        self.limit = min(max(limit, 1), Self.maxLimit)
        self.includeMessages = includeMessages
    }
}
