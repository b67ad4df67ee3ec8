import Foundation
import GatehouseCore
import Testing

@testable import GatehouseInference

@Suite struct OllamaResponseTests {
    static let timings = OllamaTimings(
        totalDuration: 5_000, loadDuration: 1_000, promptEvalDuration: 1_500, evalDuration: 2_500)

    static let toolCompletion = json(
        """
        {"id": "chatcmpl-9", "object": "chat.completion", "created": 1700000000, "model": "/models/qwen.gguf",
         "choices": [{"index": 0, "finish_reason": "tool_calls",
           "message": {"role": "assistant", "content": null, "tool_calls": [
             {"id": "call_abc", "type": "function",
              "function": {"name": "get_weather", "arguments": "{\\"city\\": \\"Paris\\", \\"days\\": 2}"}}]}}],
         "usage": {"prompt_tokens": 40, "completion_tokens": 17, "total_tokens": 57}}
        """)

    @Test func chatWithToolCalls() throws {
        let out = try OllamaResponse.chat(
            Self.toolCompletion, model: "qwen3", createdAt: fixedDate, timings: Self.timings)
        let expected = json(
            """
            {"model": "qwen3", "created_at": "2024-05-14T11:05:21.765432Z", "done": true, "done_reason": "stop",
             "message": {"role": "assistant", "content": "", "tool_calls": [
               {"id": "call_abc", "function": {"index": 0, "name": "get_weather", "arguments": {"city": "Paris", "days": 2}}}]},
             "total_duration": 5000, "load_duration": 1000, "prompt_eval_count": 40, "prompt_eval_duration": 1500,
             "eval_count": 17, "eval_duration": 2500}
            """)
        #expect(out == expected)
    }

    @Test func toolCallsRoundTripThroughBothDirections() throws {
        let ollama = try OllamaResponse.chat(Self.toolCompletion, model: "q", createdAt: fixedDate, timings: .init())
        guard let message = ollama["message"] else {
            Issue.record("no message")
            return
        }
        let back = try OllamaChatTranslation(body: ["model": "q", "messages": [message]])
        let call = back.openAI["messages"]?.arrayValue?.first?["tool_calls"]?.arrayValue?.first
        #expect(call?["id"] == "call_abc")
        #expect(
            call?["function"]?["arguments"]?.stringValue.flatMap { JSONValue.parse(Data($0.utf8)) }
                == ["city": "Paris", "days": 2])
    }

    @Test func chatLengthWithoutUsageEstimates() throws {
        let completion = json(
            #"{"choices": [{"finish_reason": "length", "message": {"role": "assistant", "content": "abcdefghi"}}]}"#)
        let out = try OllamaResponse.chat(
            completion, model: "m", createdAt: fixedDate, timings: .init(), estimatedPromptTokens: 11)
        #expect(out["done_reason"] == "length")
        #expect(out["prompt_eval_count"] == 11)
        #expect(out["eval_count"] == 3)
        #expect(out["message"]?["content"] == "abcdefghi")
    }

    @Test func unparsableArgumentsAreAnEngineError() {
        var completion = Self.toolCompletion
        completion["choices"] = json(
            #"[{"message": {"tool_calls": [{"function": {"name": "f", "arguments": "{\"city\": "}}]}}]"#)
        #expect(throws: engine("choices[0].message.tool_calls[0].function.arguments is not a JSON object")) {
            try OllamaResponse.chat(completion, model: "m", createdAt: fixedDate, timings: .init())
        }
        #expect(throws: engine("choices must be a non-empty array of objects")) {
            try OllamaResponse.chat(["choices": []], model: "m", createdAt: fixedDate, timings: .init())
        }
    }

    @Test func generateFromChatAndText() throws {
        let chat = json(
            #"{"choices": [{"finish_reason": "stop", "message": {"content": "Blue."}}], "#
                + #""usage": {"prompt_tokens": 9, "completion_tokens": 2}}"#)
        let out = try OllamaResponse.generate(chat, model: "m", createdAt: fixedDate, timings: Self.timings)
        #expect(out["response"] == "Blue.")
        #expect(out["done"] == true)
        #expect(out["eval_count"] == 2)
        #expect(out["message"] == nil)
        let text = json(#"{"choices": [{"finish_reason": "length", "text": "raw out"}]}"#)
        let raw = try OllamaResponse.generate(text, model: "m", createdAt: fixedDate, timings: Self.timings)
        #expect(raw["response"] == "raw out")
        #expect(raw["done_reason"] == "length")
        #expect(throws: engine("choices[0] has neither message nor text")) {
            try OllamaResponse.generate(
                json(#"{"choices": [{"index": 0}]}"#), model: "m", createdAt: fixedDate, timings: .init())
        }
    }

    @Test func loadAndUnloadReplies() {
        let loaded = OllamaResponse.loaded(model: "m", createdAt: fixedDate, unloaded: false, chat: false)
        #expect(
            loaded == [
                "model": "m", "created_at": "2024-05-14T11:05:21.765432Z", "done": true,
                "done_reason": "load", "response": "",
            ])
        let unloaded = OllamaResponse.loaded(model: "m", createdAt: fixedDate, unloaded: true, chat: true)
        #expect(unloaded["done_reason"] == "unload")
        #expect(unloaded["message"] == ["role": "assistant", "content": ""])
    }

    @Test func embeddings() throws {
        let response = json(
            #"{"object": "list", "data": [{"index": 1, "embedding": [0.5, -1]}, {"index": 0, "embedding": [0.25, 2]}], "#
                + #""usage": {"prompt_tokens": 6, "total_tokens": 6}}"#)
        let out = try OllamaResponse.embed(response, model: "nomic", timings: Self.timings)
        #expect(
            out
                == json(
                    #"{"model": "nomic", "embeddings": [[0.25, 2], [0.5, -1]], "total_duration": 5000, "#
                        + #""load_duration": 1000, "prompt_eval_count": 6}"#))
        #expect(try OllamaResponse.legacyEmbedding(response) == json(#"{"embedding": [0.25, 2]}"#))
        #expect(try OllamaResponse.legacyEmbedding(["data": []]) == ["embedding": []])
        #expect(throws: engine("data[0].embedding must be an array of numbers")) {
            try OllamaResponse.embed(json(#"{"data": [{"embedding": "AAAA"}]}"#), model: "m", timings: .init())
        }
    }

    @Test func timestamps() {
        #expect(OllamaTimestamp.format(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00.000000Z")
        #expect(OllamaTimestamp.format(Date(timeIntervalSince1970: 951_782_400.5)) == "2000-02-29T00:00:00.500000Z")
        #expect(OllamaTimestamp.format(Date(timeIntervalSince1970: -1)) == "1969-12-31T23:59:59.000000Z")
        #expect(OllamaTimestamp.format(.distantFuture) == "4001-01-01T00:00:00.000000Z")
        #expect(OllamaTimestamp.format(Date(timeIntervalSince1970: 1e15)) == "9999-12-31T23:59:59.000000Z")
    }
}
