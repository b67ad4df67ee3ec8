package import Foundation
package import GatehouseCore

/// What the gateway needs to know about an OpenAI `chat/completions` or `completions` request
/// before sending it on: validated once, with every error naming the field at fault.
package struct ChatRequestFacts: Sendable, Hashable {
    /// Which OpenAI endpoint the body is for.
    package enum Kind: Sendable, Hashable {
        /// `/v1/chat/completions`: `messages`.
        case chat
        /// `/v1/completions`: `prompt`.
        case completion
    }

    /// The most messages accepted in one request.
    package static let maxMessages = 4096
    /// The longest model name accepted, in bytes.
    package static let maxModelBytes = 256

    /// The endpoint kind.
    package var kind: Kind
    /// The model the client asked for.
    package var model: String
    /// Whether the client asked for a stream.
    package var stream: Bool
    /// `stream_options.include_usage`: whether the client wants a usage chunk at the end.
    package var includeUsage: Bool
    /// `max_completion_tokens`, else `max_tokens`.
    package var maxTokens: Int?
    /// Number of messages (0 for completions).
    package var messageCount: Int
    /// UTF-8 size of all text in the prompt (string contents, text parts, or `prompt`).
    package var promptBytes: Int
    /// The canonical encoding (keys sorted, compact) of `messages` or `prompt`, for hashing.
    package var promptCanonical: Data

    /// A rough prompt size: a token per 4 bytes, rounded up, plus 4 per message.
    package var estimatedPromptTokens: Int {
        (promptBytes + 3) / 4 + 4 * messageCount
    }

    /// Validates `body` as a request of `kind`.
    /// The facts of an Ollama load-only request: a model and nothing to generate.
    package static func loadOnly(model: String, kind: Kind) -> ChatRequestFacts {
        ChatRequestFacts(
            kind: kind, model: model, stream: false, includeUsage: false, maxTokens: nil, messageCount: 0,
            promptBytes: 0, promptCanonical: Data())
    }

    private init(
        kind: Kind, model: String, stream: Bool, includeUsage: Bool, maxTokens: Int?, messageCount: Int,
        promptBytes: Int, promptCanonical: Data
    ) {
        (self.kind, self.model, self.stream, self.includeUsage) = (kind, model, stream, includeUsage)
        (self.maxTokens, self.messageCount, self.promptBytes) = (maxTokens, messageCount, promptBytes)
        self.promptCanonical = promptCanonical
    }

    package init(body: JSONValue, kind: Kind) throws(GatehouseError) {
        guard let object = body.objectValue else { throw .bad("request body must be a JSON object") }
        self.kind = kind
        model = try Self.model(object["model"])
        stream = try Self.optionalBool(object["stream"], "stream") ?? false
        includeUsage = false
        if let options = object["stream_options"], options != .null {
            guard let members = options.objectValue else { throw .bad("stream_options must be an object") }
            includeUsage = try Self.optionalBool(members["include_usage"], "stream_options.include_usage") ?? false
        }
        let legacyMax = try Self.positiveInt(object["max_tokens"], "max_tokens")
        maxTokens = try Self.positiveInt(object["max_completion_tokens"], "max_completion_tokens") ?? legacyMax
        switch kind {
        case .chat:
            guard let messages = object["messages"] else { throw .bad("messages is required") }
            let checked = try Self.checkMessages(messages)
            messageCount = checked.count
            promptBytes = checked.bytes
            promptCanonical = messages.encoded
        case .completion:
            guard let prompt = object["prompt"] else { throw .bad("prompt is required") }
            messageCount = 0
            promptBytes = try Self.promptBytes(prompt)
            promptCanonical = prompt.encoded
        }
    }

    /// `body` as sent to the engine: `model` replaced by the engine's name and `stream` set;
    /// when streaming, `stream_options.include_usage` forced on so the engine reports usage;
    /// when not, `stream_options` removed (engines reject it without `stream`). All else kept.
    package static func forEngine(_ body: JSONValue, model: String, stream: Bool) -> JSONValue {
        guard var object = body.objectValue else { return body }
        object["model"] = .string(model)
        object["stream"] = .bool(stream)
        if stream {
            var options = object["stream_options"]?.objectValue ?? [:]
            options["include_usage"] = true
            object["stream_options"] = .object(options)
        } else {
            object["stream_options"] = nil
        }
        return .object(object)
    }

    static func model(_ value: JSONValue?) throws(GatehouseError) -> String {
        guard let name = value?.stringValue, !name.isEmpty else { throw .bad("model must be a non-empty string") }
        guard name.utf8.count <= maxModelBytes else { throw .bad("model must be at most \(maxModelBytes) bytes") }
        return name
    }

    static func optionalBool(_ value: JSONValue?, _ field: String) throws(GatehouseError) -> Bool? {
        guard let value, value != .null else { return nil }
        guard let flag = value.boolValue else { throw .bad("\(field) must be a boolean") }
        return flag
    }

    static func positiveInt(_ value: JSONValue?, _ field: String) throws(GatehouseError) -> Int? {
        guard let value, value != .null else { return nil }
        guard let number = value.intValue, number > 0, number <= Int64(Int32.max) else {
            throw .bad("\(field) must be a positive integer")
        }
        return Int(number)
    }
}
