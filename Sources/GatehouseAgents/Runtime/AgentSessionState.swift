/// A session of a run, as it stands: the conversation, the agent in charge, what it used.
public struct AgentSessionState: Sendable, Hashable {
    /// The session's id (32 hex digits).
    public var id: String
    /// The delegating session, for a `transfer_task` child.
    public var parentID: String?
    /// The agent in charge (a handoff changes it).
    public var agent: String
    /// The conversation without the system prompt (built afresh for each call).
    public var messages: [ChatMessage] = []
    /// `running`, `finished`, `failed` or `stopped`.
    public var state = "running"
    /// Why it failed or stopped.
    public var error: String?
    /// Prompt tokens used by this session's own model calls.
    public var tokensIn = 0
    /// Completion tokens.
    public var tokensOut = 0
    /// Cost.
    public var costMicros: Int64 = 0
    /// The user's first message, for listings.
    public var title = ""
    /// Tool approvals of this session only.
    public var approval: ToolApproval

    /// Creates a session.
    public init(id: String, parentID: String? = nil, agent: String, rules: PermissionRules) {
        self.id = id
        self.parentID = parentID
        self.agent = agent
        self.approval = ToolApproval(rules: rules)
    }

    /// The last assistant text: the session's answer.
    public var finalAnswer: String? {
        messages.last { $0.role == .assistant && !($0.content ?? "").isEmpty }?.content
    }
}
