package import GatehouseCore

/// An Ollama `/api/chat` request turned into an OpenAI `/v1/chat/completions` body.
package struct OllamaChatTranslation: Sendable, Hashable {
    /// The OpenAI request body (model still the client's name; see
    /// ``ChatRequestFacts/forEngine(_:model:stream:)``).
    package var openAI: JSONValue
    /// The model the client asked for.
    package var model: String
    /// Whether to stream; Ollama's default is true.
    package var stream: Bool
    /// `keep_alive`, when given.
    package var keepAlive: KeepAlive?
    /// No messages: the client only wants the model loaded (or, with `keep_alive` 0, unloaded).
    package var loadOnly: Bool

    /// Translates an `/api/chat` body.
    package init(body: JSONValue) throws(GatehouseError) {
        guard let object = body.objectValue else { throw .bad("request body must be a JSON object") }
        model = try ChatRequestFacts.model(object["model"])
        stream = try ChatRequestFacts.optionalBool(object["stream"], "stream") ?? true
        keepAlive = try KeepAlive.parse(object["keep_alive"])
        var messages: [JSONValue] = []
        switch object["messages"] {
        case nil, .null?: break
        case .array(let items)?:
            guard items.count <= ChatRequestFacts.maxMessages else {
                throw .bad("messages must have at most \(ChatRequestFacts.maxMessages) entries")
            }
            messages = try OllamaMessages.toOpenAI(items)
        default: throw .bad("messages must be an array")
        }
        loadOnly = messages.isEmpty
        var out: [String: JSONValue] = ["model": .string(model), "messages": .array(messages), "stream": .bool(stream)]
        switch object["tools"] {
        case nil, .null?: break
        case .array(let tools)?:
            for (index, tool) in tools.enumerated() where tool["function"]?["name"]?.stringValue == nil {
                throw .bad("tools[\(index)].function.name must be a string")
            }
            if !tools.isEmpty { out["tools"] = .array(tools) }
        default: throw .bad("tools must be an array")
        }
        try OllamaOptions.applyFormat(object["format"], to: &out)
        try OllamaOptions.apply(object["options"], to: &out)
        openAI = .object(out)
    }
}
