import GatehouseCore

/// Reading the parts of an OpenAI streamed chunk (`chat.completion.chunk` or `text_completion`)
/// that the gateway cares about. Every accessor tolerates any shape.
enum OpenAIChunk {
    /// The `choices` array; empty when absent or not an array.
    static func choices(_ chunk: JSONValue) -> [JSONValue] {
        chunk["choices"]?.arrayValue ?? []
    }

    /// Whether `choice` carries generated output: non-empty `delta.content`,
    /// `delta.reasoning_content`, `delta.tool_calls`, or (completions) `text`.
    static func isPiece(_ choice: JSONValue) -> Bool {
        let delta = choice["delta"]
        if let text = delta?["content"]?.stringValue, !text.isEmpty { return true }
        if let text = delta?["reasoning_content"]?.stringValue, !text.isEmpty { return true }
        if let calls = delta?["tool_calls"]?.arrayValue, !calls.isEmpty { return true }
        if let text = choice["text"]?.stringValue, !text.isEmpty { return true }
        return false
    }

    /// The number of choices in `chunk` carrying output.
    static func pieces(_ chunk: JSONValue) -> Int {
        choices(chunk).reduce(0) { $0 + (isPiece($1) ? 1 : 0) }
    }

    /// The last non-null `finish_reason` among the choices.
    static func finishReason(_ chunk: JSONValue) -> String? {
        choices(chunk).compactMap { $0["finish_reason"]?.stringValue }.last
    }

    /// Whether `chunk` is a usage-only chunk: `usage` present and no choices.
    static func isUsageOnly(_ chunk: JSONValue) -> Bool {
        guard let usage = chunk["usage"], usage != .null else { return false }
        return choices(chunk).isEmpty
    }
}
