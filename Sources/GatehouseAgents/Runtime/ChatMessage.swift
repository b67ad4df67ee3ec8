public import GatehouseCore

/// One message of a session's conversation, in the shape of OpenAI's chat API (what
/// Gatehouse's model gateway speaks).
public struct ChatMessage: Sendable, Hashable, Codable {
    /// Who wrote the message.
    public enum Role: String, Sendable, Hashable, Codable {
        case system, user, assistant, tool
    }

    /// Who wrote it.
    public var role: Role
    /// The text; nil for an assistant message made only of tool calls.
    public var content: String?
    /// The tool calls of an assistant message.
    public var toolCalls: [ToolCall]
    /// The call a tool message answers.
    public var toolCallID: String?
    /// The agent that wrote an assistant message, or the tool a tool message came from.
    public var name: String?

    /// Creates a message.
    public init(
        role: Role, content: String?, toolCalls: [ToolCall] = [], toolCallID: String? = nil, name: String? = nil
    ) {
        self.role = role
        self.content = content
        self.toolCalls = toolCalls
        self.toolCallID = toolCallID
        self.name = name
    }

    /// The message as the model API takes it.
    public var openAI: JSONValue {
        // An empty text rather than null: llama.cpp's OpenAI server refuses a null content.
        var value: JSONValue = ["role": .string(role.rawValue), "content": .string(content ?? "")]
        if !toolCalls.isEmpty {
            value["tool_calls"] = .array(toolCalls.map(\.openAI))
        }
        if let toolCallID { value["tool_call_id"] = .string(toolCallID) }
        return value
    }

    /// A rough size in tokens (four bytes a token), for deciding when to compact the history.
    public var estimatedTokens: Int {
        let bytes =
            (content?.utf8.count ?? 0) + toolCalls.reduce(0) { $0 + $1.name.utf8.count + $1.arguments.utf8.count }
        return bytes / 4 + 4
    }
}

/// A tool call as the model made it: its arguments are the model's text, which may not be
/// valid JSON (it is checked when the call is run, and a malformed one answered as an error).
public struct ToolCall: Sendable, Hashable, Codable {
    /// The model's id for the call, echoed by the answer.
    public var id: String
    /// The tool's name.
    public var name: String
    /// The arguments, as the model wrote them (JSON text, normally an object).
    public var arguments: String

    /// Creates a call.
    public init(id: String, name: String, arguments: String) {
        self.id = id
        self.name = name
        self.arguments = arguments
    }

    /// The call in OpenAI's shape, as messages and events carry it.
    public var openAI: JSONValue {
        ["id": .string(id), "type": "function", "function": ["name": .string(name), "arguments": .string(arguments)]]
    }
}
