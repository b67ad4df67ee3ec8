package import GatehouseCore

/// An Ollama `/api/generate` request turned into an OpenAI body: chat completions normally,
/// plain completions when `raw` is true (the prompt is already formatted).
package struct OllamaGenerateTranslation: Sendable, Hashable {
    /// Which OpenAI endpoint ``openAI`` is for.
    package enum Target: Sendable, Hashable {
        /// `/v1/chat/completions`.
        case chat
        /// `/v1/completions` (raw prompts).
        case completion
    }

    /// The OpenAI request body.
    package var openAI: JSONValue
    /// The endpoint ``openAI`` is for.
    package var target: Target
    /// The model the client asked for.
    package var model: String
    /// Whether to stream; Ollama's default is true.
    package var stream: Bool
    /// `keep_alive`, when given.
    package var keepAlive: KeepAlive?
    /// Empty prompt: the client only wants the model loaded (or, with `keep_alive` 0, unloaded).
    package var loadOnly: Bool

    /// Translates an `/api/generate` body.
    package init(body: JSONValue) throws(GatehouseError) {
        guard let object = body.objectValue else { throw .bad("request body must be a JSON object") }
        model = try ChatRequestFacts.model(object["model"])
        stream = try ChatRequestFacts.optionalBool(object["stream"], "stream") ?? true
        keepAlive = try KeepAlive.parse(object["keep_alive"])
        let raw = try ChatRequestFacts.optionalBool(object["raw"], "raw") ?? false
        let prompt = try Self.text(object["prompt"], "prompt")
        let system = try Self.text(object["system"], "system")
        for field in ["suffix", "template"] where try !Self.text(object[field], field).isEmpty {
            throw .bad("\(field) is not supported")
        }
        if let images = object["images"], images != .null, images != [] { throw .bad("images are not supported") }
        if let context = object["context"], context != .null, context != [] {
            throw .bad("context is not supported")
        }
        loadOnly = prompt.isEmpty
        var out: [String: JSONValue] = ["model": .string(model), "stream": .bool(stream)]
        if raw {
            target = .completion
            out["prompt"] = .string(prompt)
        } else {
            target = .chat
            var messages: [JSONValue] = []
            if !system.isEmpty { messages.append(["role": "system", "content": .string(system)]) }
            messages.append(["role": "user", "content": .string(prompt)])
            out["messages"] = .array(messages)
        }
        try OllamaOptions.applyFormat(object["format"], to: &out)
        try OllamaOptions.apply(object["options"], to: &out)
        openAI = .object(out)
    }

    private static func text(_ value: JSONValue?, _ field: String) throws(GatehouseError) -> String {
        switch value {
        case nil, .null?: return ""
        case .string(let text)?: return text
        default: throw .bad("\(field) must be a string")
        }
    }
}
