import Foundation
import GatehouseCore
import Testing

@testable import GatehouseInference

@Suite struct OllamaStreamTranslatorTests {
    static func chunk(_ choice: String, usage: String = "null") -> JSONValue {
        json(
            #"{"id": "c", "object": "chat.completion.chunk", "created": 1, "model": "e", "#
                + #""choices": [\#(choice)], "usage": \#(usage)}"#)
    }

    /// Feeds every chunk through the SSE decoder first, split into 7-byte pieces, as the proxy would.
    static func decode(_ chunks: [JSONValue]) throws -> [JSONValue] {
        var bytes: [UInt8] = []
        for chunk in chunks { bytes += Array(SSEEvent.encode(chunk)) }
        bytes += Array(SSEEvent.doneMarker)
        var decoder = SSEDecoder()
        var events: [SSEEvent] = []
        var start = 0
        while start < bytes.count {
            events += try decoder.feed(bytes[start..<min(start + 7, bytes.count)])
            start += 7
        }
        #expect(events.last?.isDone == true)
        return events.dropLast().compactMap(\.json)
    }

    @Test func contentStreamWithUsage() throws {
        let chunks = try Self.decode([
            Self.chunk(#"{"index": 0, "delta": {"role": "assistant", "content": ""}, "finish_reason": null}"#),
            Self.chunk(#"{"index": 0, "delta": {"content": "The sky"}, "finish_reason": null}"#),
            Self.chunk(#"{"index": 0, "delta": {"content": " is blue."}, "finish_reason": null}"#),
            Self.chunk(#"{"index": 0, "delta": {}, "finish_reason": "stop"}"#),
            json(#"{"id": "c", "choices": [], "usage": {"prompt_tokens": 30, "completion_tokens": 4}}"#),
        ])
        var translator = OllamaStreamTranslator(mode: .chat, model: "llama3", estimatedPromptTokens: 99)
        var out: [JSONValue] = []
        for chunk in chunks { out += try translator.translate(chunk, at: fixedDate) }
        #expect(out.map { $0["message"]?["content"] } == ["The sky", " is blue."])
        #expect(out.allSatisfy { $0["done"] == false && $0["model"] == "llama3" })
        let timings = OllamaTimings(totalDuration: 9, loadDuration: 1, promptEvalDuration: 3, evalDuration: 5)
        let last = try translator.finish(timings: timings, at: fixedDate)
        #expect(
            last
                == [
                    json(
                        #"{"model": "llama3", "created_at": "2024-05-14T11:05:21.765432Z", "#
                            + #""message": {"role": "assistant", "content": ""}, "done": true, "done_reason": "stop", "#
                            + #""total_duration": 9, "load_duration": 1, "prompt_eval_count": 30, "#
                            + #""prompt_eval_duration": 3, "eval_count": 4, "eval_duration": 5}"#)
                ])
    }

    @Test func toolCallFragmentsAssembled() throws {
        let chunks = try Self.decode([
            Self.chunk(
                #"{"index": 0, "delta": {"role": "assistant", "tool_calls": [{"index": 0, "id": "call_1", "#
                    + #""type": "function", "function": {"name": "get_weather", "arguments": ""}}]}}"#),
            Self.chunk(#"{"index": 0, "delta": {"tool_calls": [{"index": 0, "function": {"arguments": "{\"ci"}}]}}"#),
            Self.chunk(
                #"{"index": 0, "delta": {"tool_calls": [{"index": 1, "id": "call_2", "function": "#
                    + #"{"name": "get_time", "arguments": "{}"}}]}}"#),
            Self.chunk(
                #"{"index": 0, "delta": {"tool_calls": [{"index": 0, "function": {"arguments": "ty\": \"Oslo\"}"}}]}}"#),
            Self.chunk(#"{"index": 0, "delta": {}, "finish_reason": "tool_calls"}"#),
        ])
        var translator = OllamaStreamTranslator(mode: .chat, model: "qwen3", estimatedPromptTokens: 12)
        var out: [JSONValue] = []
        for chunk in chunks { out += try translator.translate(chunk, at: fixedDate) }
        #expect(out.count == 1)
        #expect(
            out.first?["message"]
                == json(
                    #"{"role": "assistant", "content": "", "tool_calls": ["#
                        + #"{"id": "call_1", "function": {"index": 0, "name": "get_weather", "arguments": {"city": "Oslo"}}}, "#
                        + #"{"id": "call_2", "function": {"index": 1, "name": "get_time", "arguments": {}}}]}"#))
        let last = try translator.finish(timings: .init(), at: fixedDate)
        #expect(last.count == 1)
        #expect(last.first?["done_reason"] == "stop")
        #expect(last.first?["prompt_eval_count"] == 12)
        #expect(last.first?["eval_count"] == 4)
        #expect(translator.usage.estimated)
    }

    @Test func pendingToolCallsFlushedAtFinishWithoutFinishReason() throws {
        var translator = OllamaStreamTranslator(mode: .chat, model: "m", estimatedPromptTokens: 0)
        let chunk = Self.chunk(
            #"{"index": 0, "delta": {"tool_calls": [{"index": 0, "function": {"name": "f", "arguments": "{\"a\":1}"}}]}}"#
        )
        #expect(try translator.translate(chunk, at: fixedDate).isEmpty)
        let out = try translator.finish(timings: .init(), at: fixedDate)
        #expect(out.count == 2)
        #expect(out.first?["message"]?["tool_calls"]?.arrayValue?.first?["function"]?["arguments"] == ["a": 1])
        #expect(out.last?["done"] == true)
    }

    @Test func badFragmentsAreEngineErrors() {
        var translator = OllamaStreamTranslator(mode: .chat, model: "m", estimatedPromptTokens: 0)
        #expect(throws: engine("tool call 0 arguments is not a JSON object")) {
            _ = try translator.translate(
                Self.chunk(#"{"delta": {"tool_calls": [{"index": 0, "function": {"name": "f", "arguments": "[1"}}]}}"#),
                at: fixedDate)
            _ = try translator.translate(Self.chunk(#"{"delta": {}, "finish_reason": "tool_calls"}"#), at: fixedDate)
        }
        var other = OllamaStreamTranslator(mode: .chat, model: "m", estimatedPromptTokens: 0)
        #expect(throws: engine("delta.tool_calls index must be within 0..<128")) {
            _ = try other.translate(Self.chunk(#"{"delta": {"tool_calls": [{"index": 5000}]}}"#), at: fixedDate)
        }
        #expect(throws: engine("the stream reported an error")) {
            _ = try other.translate(["error": ["message": "out of memory"]], at: fixedDate)
        }
    }

    @Test func generateModeUsesResponse() throws {
        var translator = OllamaStreamTranslator(mode: .generate, model: "m", estimatedPromptTokens: 3)
        let text = try translator.translate(
            json(#"{"choices": [{"index": 0, "text": "Hel", "finish_reason": null}]}"#), at: fixedDate)
        let delta = try translator.translate(
            Self.chunk(#"{"index": 0, "delta": {"content": "lo"}, "finish_reason": "length"}"#), at: fixedDate)
        #expect(text.first?["response"] == "Hel")
        #expect(delta.first?["response"] == "lo")
        #expect(delta.first?["message"] == nil)
        let last = try translator.finish(timings: .init(), at: fixedDate)
        #expect(last.first?["response"] == "")
        #expect(last.first?["done_reason"] == "length")
        #expect(last.first?["eval_count"] == 2)
    }
}
