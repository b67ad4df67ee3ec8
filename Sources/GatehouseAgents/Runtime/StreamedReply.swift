public import GatehouseCore

/// An OpenAI chat stream assembled into one reply: text deltas, tool-call fragments by index
/// (id and name once, arguments in pieces), the finish reason and the usage chunk. Bounded: a
/// stream that sends more than ``maxBytes`` of text and arguments, or more than ``maxCalls``
/// calls, is refused.
public struct StreamedReply: Sendable {
    /// The most text plus argument bytes kept.
    public static let maxBytes = 4 << 20
    /// The most tool calls in one reply.
    public static let maxCalls = 64

    private var text = ""
    private var calls: [Int: ToolCall] = [:]
    private var bytes = 0
    /// Why the model stopped.
    public private(set) var finishReason: String?
    /// The usage chunk's `usage`, when the stream had one.
    public private(set) var usage: JSONValue?

    /// Creates an empty reply.
    public init() {}

    /// Adds one chunk; returns its text delta, if any.
    public mutating func add(_ chunk: JSONValue) throws(GatehouseError) -> String? {
        if let usage = chunk["usage"], usage != .null { self.usage = usage }
        guard let choice = chunk["choices"]?.arrayValue?.first else { return nil }
        if let reason = choice["finish_reason"]?.stringValue { finishReason = reason }
        let delta = choice["delta"] ?? choice["message"] ?? [:]
        for fragment in delta["tool_calls"]?.arrayValue ?? [] {
            let index = Int(fragment["index"]?.intValue ?? Int64(calls.count == 0 ? 0 : calls.keys.max() ?? 0))
            guard (0..<Self.maxCalls).contains(index) else {
                throw GatehouseError(.badRequest, "the model sent a tool call index outside 0..<\(Self.maxCalls)")
            }
            var call = calls[index] ?? ToolCall(id: "", name: "", arguments: "")
            if let id = fragment["id"]?.stringValue, !id.isEmpty { call.id = id }
            if let name = fragment["function"]?["name"]?.stringValue, !name.isEmpty, call.name.isEmpty {
                call.name = name
            }
            switch fragment["function"]?["arguments"] {
            case .string(let piece)?: call.arguments += piece
            case .object(let members)?: call.arguments += JSONValue.object(members).text
            default: break
            }
            try count(call.arguments.utf8.count - (calls[index]?.arguments.utf8.count ?? 0))
            calls[index] = call
        }
        guard let piece = delta["content"]?.stringValue, !piece.isEmpty else { return nil }
        try count(piece.utf8.count)
        text += piece
        return piece
    }

    private mutating func count(_ added: Int) throws(GatehouseError) {
        bytes += added
        guard bytes <= Self.maxBytes else {
            throw GatehouseError(.badRequest, "the model's reply exceeds \(Self.maxBytes >> 20) MiB")
        }
    }

    /// The assistant message: the text, and the calls in index order (a call without an id
    /// gets one; a call without a name is kept so the model is told it was malformed).
    public var message: ChatMessage {
        let ordered = calls.keys.sorted().compactMap { index -> ToolCall? in
            guard var call = calls[index] else { return nil }
            if call.id.isEmpty { call.id = "call_\(index)" }
            return call
        }
        return ChatMessage(role: .assistant, content: text.isEmpty ? nil : text, toolCalls: ordered)
    }

    /// The completion's size in tokens when the stream reported none (four bytes a token).
    public var estimatedCompletionTokens: Int {
        (bytes + 3) / 4
    }
}
