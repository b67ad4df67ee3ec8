package import Foundation
package import GatehouseCore

/// Non-streaming OpenAI responses turned into Ollama ones.
package enum OllamaResponse {
    /// An OpenAI chat completion as an Ollama `/api/chat` response. `model` is the name the
    /// client used. Counts come from `usage`, else from `estimatedPromptTokens` and a token per
    /// 4 bytes of output.
    package static func chat(
        _ completion: JSONValue, model: String, createdAt: Date, timings: OllamaTimings, estimatedPromptTokens: Int = 0
    ) throws(GatehouseError) -> JSONValue {
        let choice = try firstChoice(completion)
        guard let message = choice["message"], message.objectValue != nil else {
            throw .engine("choices[0].message must be an object")
        }
        let content = message["content"]?.stringValue ?? ""
        var out: [String: JSONValue] = ["role": "assistant", "content": .string(content)]
        if let thinking = message["reasoning_content"]?.stringValue, !thinking.isEmpty {
            out["thinking"] = .string(thinking)
        }
        if let calls = message["tool_calls"], calls != .null {
            guard let items = calls.arrayValue else { throw .engine("choices[0].message.tool_calls must be an array") }
            var converted: [JSONValue] = []
            for (index, call) in items.enumerated() {
                converted.append(
                    try OllamaToolCall.fromOpenAI(call, index: index, path: "choices[0].message.tool_calls"))
            }
            if !converted.isEmpty { out["tool_calls"] = .array(converted) }
        }
        let text = content.utf8.count + (out["thinking"]?.stringValue?.utf8.count ?? 0)
        return final(
            completion, choice: choice, model: model, createdAt: createdAt, timings: timings,
            estimate: (estimatedPromptTokens, (text + 3) / 4), body: ["message": .object(out)])
    }

    /// An OpenAI chat completion or text completion as an Ollama `/api/generate` response.
    package static func generate(
        _ completion: JSONValue, model: String, createdAt: Date, timings: OllamaTimings, estimatedPromptTokens: Int = 0
    ) throws(GatehouseError) -> JSONValue {
        let choice = try firstChoice(completion)
        let text: String
        if let message = choice["message"], message.objectValue != nil {
            text = message["content"]?.stringValue ?? ""
        } else if let completionText = choice["text"]?.stringValue {
            text = completionText
        } else {
            throw .engine("choices[0] has neither message nor text")
        }
        return final(
            completion, choice: choice, model: model, createdAt: createdAt, timings: timings,
            estimate: (estimatedPromptTokens, (text.utf8.count + 3) / 4), body: ["response": .string(text)])
    }

    /// The reply to a load-only (`unloaded` false) or unload request, as Ollama sends it.
    package static func loaded(model: String, createdAt: Date, unloaded: Bool, chat: Bool) -> JSONValue {
        var out: [String: JSONValue] = [
            "model": .string(model), "created_at": .string(OllamaTimestamp.format(createdAt)), "done": true,
            "done_reason": unloaded ? "unload" : "load",
        ]
        if chat { out["message"] = ["role": "assistant", "content": ""] } else { out["response"] = "" }
        return .object(out)
    }

    /// Ollama's `done_reason` for an OpenAI `finish_reason`: tool calls end a turn as "stop".
    package static func doneReason(_ finishReason: String?) -> String {
        switch finishReason {
        case nil, "tool_calls"?, "function_call"?: "stop"
        case let reason?: reason
        }
    }

    private static func firstChoice(_ completion: JSONValue) throws(GatehouseError) -> JSONValue {
        guard let first = completion["choices"]?.arrayValue?.first, first.objectValue != nil else {
            throw .engine("choices must be a non-empty array of objects")
        }
        return first
    }

    private static func final(
        _ completion: JSONValue, choice: JSONValue, model: String, createdAt: Date, timings: OllamaTimings,
        estimate: (Int, Int), body: [String: JSONValue]
    ) -> JSONValue {
        let usage =
            TokenUsage(openAI: completion["usage"])
            ?? TokenUsage(promptTokens: estimate.0, completionTokens: estimate.1, estimated: true)
        var out = timings.fields(usage).merging(body) { _, new in new }
        out["model"] = .string(model)
        out["created_at"] = .string(OllamaTimestamp.format(createdAt))
        out["done"] = true
        out["done_reason"] = .string(doneReason(choice["finish_reason"]?.stringValue))
        return .object(out)
    }
}
