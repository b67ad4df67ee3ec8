public import GatehouseCore

/// What an agent asks its model: the conversation and the tools it may call.
public struct ModelRequest: Sendable, Hashable {
    /// The model's name at Gatehouse's model gateway (an alias or a stored model).
    public var model: String
    /// The conversation, system prompt first.
    public var messages: [ChatMessage]
    /// The tools offered.
    public var tools: [ToolDefinition]
    /// Sampling settings from the agent file; nil leaves the engine's default.
    public var temperature: Double?
    /// The most tokens to generate.
    public var maxTokens: Int?
    /// Nucleus sampling.
    public var topP: Double?
    /// Whether the model may make several tool calls at once.
    public var parallelToolCalls: Bool?
    /// `tool_choice`, when the agent file's `provider_opts` set one for this call.
    public var toolChoice: JSONValue?

    /// Creates a request.
    public init(model: String, messages: [ChatMessage], tools: [ToolDefinition]) {
        self.model = model
        self.messages = messages
        self.tools = tools
    }

    /// The body of an OpenAI-compatible `chat/completions` request.
    public var openAI: JSONValue {
        var body: JSONValue = ["model": .string(model), "messages": .array(messages.map(\.openAI))]
        if !tools.isEmpty {
            body["tools"] = .array(tools.map(\.openAI))
            if let parallelToolCalls { body["parallel_tool_calls"] = .bool(parallelToolCalls) }
            if let toolChoice { body["tool_choice"] = toolChoice }
        }
        if let temperature { body["temperature"] = .number(temperature) }
        if let maxTokens { body["max_tokens"] = .integer(Int64(maxTokens)) }
        if let topP { body["top_p"] = .number(topP) }
        return body
    }
}

/// What one model call produced and cost.
public struct ModelReply: Sendable, Hashable {
    /// The assistant's message: text, tool calls, or both.
    public var message: ChatMessage
    /// Prompt tokens.
    public var tokensIn: Int
    /// Completion tokens.
    public var tokensOut: Int
    /// The cost charged, in millionths of the configured currency.
    public var costMicros: Int64
    /// Why the model stopped (`stop`, `tool_calls`, `length`).
    public var finishReason: String?

    /// Creates a reply.
    public init(message: ChatMessage, tokensIn: Int, tokensOut: Int, costMicros: Int64, finishReason: String? = nil) {
        self.message = message
        self.tokensIn = tokensIn
        self.tokensOut = tokensOut
        self.costMicros = costMicros
        self.finishReason = finishReason
    }
}

/// The agent's way to its models: Gatehouse's model gateway, for the session's principal, so
/// every call is decided by policy (`model.use`, `model.offload`), limited by budgets and
/// recorded. Text is handed to `onText` as it streams.
public protocol ModelClient: Sendable {
    /// Runs one completion.
    func complete(_ request: ModelRequest, onText: @escaping @Sendable (String) async -> Void) async throws
        -> ModelReply
}
