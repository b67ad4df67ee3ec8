package import GatehouseCore

/// Decides, chunk by chunk, what of an engine's OpenAI stream goes to an OpenAI client.
///
/// The gateway always asks the engine for usage (see ``ChatRequestFacts/forEngine(_:model:stream:)``),
/// so the relay captures it, hides it from clients that did not ask, and, when the engine never
/// sent it, counts output pieces itself and supplies an estimated usage chunk at the end.
package struct OpenAIStreamRelay: Sendable {
    /// Whether the client asked for `stream_options.include_usage`.
    package let clientWantsUsage: Bool
    /// The gateway's prompt estimate, used when the engine reports no usage.
    package let estimatedPromptTokens: Int
    /// The usage the engine reported, if it did (the last one wins).
    package private(set) var engineUsage: TokenUsage?
    /// Chunk choices seen carrying output (content, reasoning, tool calls).
    package private(set) var pieces = 0
    /// The last `finish_reason` seen.
    package private(set) var finishReason: String?
    /// Whether the engine sent an `error` object in the stream.
    package private(set) var sawError = false
    private var last: JSONValue?

    /// Creates a relay for one stream.
    package init(clientWantsUsage: Bool, estimatedPromptTokens: Int) {
        self.clientWantsUsage = clientWantsUsage
        self.estimatedPromptTokens = max(0, estimatedPromptTokens)
    }

    /// The usage to account: the engine's, else the estimate from counted pieces.
    package var usage: TokenUsage {
        engineUsage ?? TokenUsage(promptTokens: estimatedPromptTokens, completionTokens: pieces, estimated: true)
    }

    /// Takes one engine chunk; returns what to forward, or nil to drop it.
    package mutating func relay(_ chunk: JSONValue) -> JSONValue? {
        guard case .object(var members) = chunk else { return chunk }
        if let error = members["error"], error != .null { sawError = true }
        if let usage = TokenUsage(openAI: members["usage"]) { engineUsage = usage }
        pieces += OpenAIChunk.pieces(chunk)
        if let reason = OpenAIChunk.finishReason(chunk) { finishReason = reason }
        if members["id"] != nil { last = chunk }
        if clientWantsUsage { return chunk }
        if OpenAIChunk.isUsageOnly(chunk) { return nil }
        members["usage"] = nil
        return .object(members)
    }

    /// At the end of the stream: a final usage chunk when the client asked for usage and the
    /// engine never sent it (`id`, `object`, `created`, `model` as in the last chunk; no choices).
    package func finish() -> JSONValue? {
        guard clientWantsUsage, engineUsage == nil, let last else { return nil }
        var chunk: [String: JSONValue] = ["choices": [], "usage": usage.openAI]
        for key in ["id", "object", "created", "model", "system_fingerprint"] {
            if let value = last[key] { chunk[key] = value }
        }
        return .object(chunk)
    }
}
