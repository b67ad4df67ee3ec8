package import Foundation
package import GatehouseCore

/// Turns an engine's OpenAI stream into Ollama NDJSON objects, chunk by chunk.
///
/// Text becomes `message.content` (chat) or `response` (generate) objects as it arrives; tool-call
/// fragments are assembled and sent as one message with `tool_calls` when the finish reason
/// arrives; ``finish(timings:at:)`` writes the closing `done: true` object with the counts.
package struct OllamaStreamTranslator: Sendable {
    /// Which Ollama endpoint the client called.
    package enum Mode: Sendable, Hashable {
        /// `/api/chat`: objects carry `message`.
        case chat
        /// `/api/generate`: objects carry `response`.
        case generate
    }

    /// The endpoint shape.
    package let mode: Mode
    /// The model name the client used.
    package let model: String
    /// The relay that captures usage and counts pieces (the client never asks for usage chunks).
    package private(set) var relay: OpenAIStreamRelay
    private var toolCalls = ToolCallAccumulator()

    /// Creates a translator for one stream.
    package init(mode: Mode, model: String, estimatedPromptTokens: Int) {
        self.mode = mode
        self.model = model
        relay = OpenAIStreamRelay(clientWantsUsage: true, estimatedPromptTokens: estimatedPromptTokens)
    }

    /// The usage to report: the engine's, else the estimate.
    package var usage: TokenUsage { relay.usage }

    /// Ollama's `done_reason` so far.
    package var doneReason: String { OllamaResponse.doneReason(relay.finishReason) }

    /// Takes one engine chunk; returns the Ollama objects to send now (possibly none).
    package mutating func translate(_ chunk: JSONValue, at date: Date) throws(GatehouseError) -> [JSONValue] {
        if let error = chunk["error"], error != .null {
            throw .engine("the stream reported an error")
        }
        _ = relay.relay(chunk)
        var out: [JSONValue] = []
        for choice in OpenAIChunk.choices(chunk) {
            let delta = choice["delta"]
            let thinking = delta?["reasoning_content"]?.stringValue ?? ""
            let text = delta?["content"]?.stringValue ?? choice["text"]?.stringValue ?? ""
            if !text.isEmpty || !thinking.isEmpty {
                out.append(piece(text: text, thinking: thinking, at: date))
            }
            if mode == .chat, let fragments = delta?["tool_calls"]?.arrayValue {
                try toolCalls.add(fragments)
            }
            if choice["finish_reason"]?.stringValue != nil, let message = try pendingToolCalls(at: date) {
                out.append(message)
            }
        }
        return out
    }

    /// The end of the stream: any tool calls still pending, then the `done: true` object.
    package mutating func finish(timings: OllamaTimings, at date: Date) throws(GatehouseError) -> [JSONValue] {
        var out: [JSONValue] = []
        if let message = try pendingToolCalls(at: date) { out.append(message) }
        var last = timings.fields(usage).merging(base(at: date)) { _, new in new }
        last["done"] = true
        last["done_reason"] = .string(doneReason)
        if mode == .chat { last["message"] = ["role": "assistant", "content": ""] } else { last["response"] = "" }
        out.append(.object(last))
        return out
    }

    private mutating func pendingToolCalls(at date: Date) throws(GatehouseError) -> JSONValue? {
        guard !toolCalls.isEmpty else { return nil }
        var object = base(at: date)
        object["message"] = ["role": "assistant", "content": "", "tool_calls": .array(try toolCalls.drain())]
        object["done"] = false
        return .object(object)
    }

    private func piece(text: String, thinking: String, at date: Date) -> JSONValue {
        var object = base(at: date)
        object["done"] = false
        switch mode {
        case .chat:
            var message: [String: JSONValue] = ["role": "assistant", "content": .string(text)]
            if !thinking.isEmpty { message["thinking"] = .string(thinking) }
            object["message"] = .object(message)
        case .generate:
            object["response"] = .string(text)
            if !thinking.isEmpty { object["thinking"] = .string(thinking) }
        }
        return .object(object)
    }

    private func base(at date: Date) -> [String: JSONValue] {
        ["model": .string(model), "created_at": .string(OllamaTimestamp.format(date))]
    }
}
