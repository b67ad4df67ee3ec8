/// What starts a run (`POST /api/v1/agents/sessions`): an agent file and its first message. The
/// server and `gatehouse agent run` share it, so the two agree on the wire format.
public struct AgentRunRequest: Codable, Sendable, Hashable {
    /// The file's text.
    public var file: String
    /// Its name, for diagnostics and listings.
    public var fileName: String?
    /// The agent to start with (default: `root`, else the first).
    public var agent: String?
    /// The workspace on the server's host, for `filesystem`, `shell` and `script` toolsets.
    public var workspace: String?
    /// The first message.
    public var message: String
    /// Whether the client answers questions about tool calls (a chat); a one-shot run is not.
    public var interactive: Bool?
    /// The run's token budget, shared by every agent of the delegation tree.
    public var maxTokens: Int?
    /// The run's cost budget, in millionths of the configured currency.
    public var maxCostMicros: Int64?

    /// Creates a request.
    public init(file: String, fileName: String? = nil, message: String) {
        self.file = file
        self.fileName = fileName
        self.message = message
    }

    enum CodingKeys: String, CodingKey {
        case file, agent, workspace, message, interactive
        case fileName = "file_name"
        case maxTokens = "max_tokens"
        case maxCostMicros = "max_cost_micros"
    }
}
