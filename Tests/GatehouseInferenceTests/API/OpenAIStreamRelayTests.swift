import GatehouseCore
import Testing

@testable import GatehouseInference

@Suite struct OpenAIStreamRelayTests {
    static func chunk(_ delta: String, finish: String? = nil, usage: Bool = false) -> JSONValue {
        var object = json(
            #"{"id": "chatcmpl-1", "object": "chat.completion.chunk", "created": 1700000000, "model": "smollm2", "#
                + #""choices": [{"index": 0, "delta": \#(delta), "finish_reason": null}]}"#)
        if let finish { object["choices"] = [["index": 0, "delta": [:], "finish_reason": .string(finish)]] }
        if usage { object["usage"] = .null }
        return object
    }

    static let usageOnly = json(
        #"{"id": "chatcmpl-1", "object": "chat.completion.chunk", "created": 1700000000, "model": "smollm2", "#
            + #""choices": [], "usage": {"prompt_tokens": 12, "completion_tokens": 3, "total_tokens": 15}}"#)

    @Test func clientAskingGetsEverythingUnchanged() {
        var relay = OpenAIStreamRelay(clientWantsUsage: true, estimatedPromptTokens: 99)
        let chunks = [
            Self.chunk(#"{"role": "assistant", "content": ""}"#, usage: true), Self.chunk(#"{"content": "Hi"}"#),
            Self.chunk("{}", finish: "stop"), Self.usageOnly,
        ]
        for chunk in chunks { #expect(relay.relay(chunk) == chunk) }
        #expect(relay.finish() == nil)
        #expect(relay.usage == TokenUsage(promptTokens: 12, completionTokens: 3, estimated: false))
        #expect(relay.finishReason == "stop")
        #expect(relay.pieces == 1)
    }

    @Test func clientNotAskingLosesUsage() {
        var relay = OpenAIStreamRelay(clientWantsUsage: false, estimatedPromptTokens: 99)
        let first = relay.relay(Self.chunk(#"{"content": "Hi"}"#, usage: true))
        #expect(first == Self.chunk(#"{"content": "Hi"}"#))
        #expect(first?["usage"] == nil)
        #expect(relay.relay(Self.usageOnly) == nil)
        #expect(relay.finish() == nil)
        #expect(relay.usage.promptTokens == 12)
        #expect(!relay.usage.estimated)
    }

    @Test func engineWithoutUsageGetsEstimatedChunk() {
        var relay = OpenAIStreamRelay(clientWantsUsage: true, estimatedPromptTokens: 21)
        _ = relay.relay(Self.chunk(#"{"role": "assistant", "content": ""}"#))
        _ = relay.relay(Self.chunk(#"{"content": "Hel"}"#))
        _ = relay.relay(Self.chunk(#"{"content": "lo"}"#))
        _ = relay.relay(
            Self.chunk(#"{"tool_calls": [{"index": 0, "function": {"arguments": "{}"}}]}"#))
        _ = relay.relay(Self.chunk("{}", finish: "length"))
        let final = relay.finish()
        #expect(
            final
                == json(
                    #"{"id": "chatcmpl-1", "object": "chat.completion.chunk", "created": 1700000000, "#
                        + #""model": "smollm2", "choices": [], "#
                        + #""usage": {"prompt_tokens": 21, "completion_tokens": 3, "total_tokens": 24}}"#))
        #expect(relay.usage == TokenUsage(promptTokens: 21, completionTokens: 3, estimated: true))
        #expect(relay.finishReason == "length")
    }

    @Test func notAskingAndNoUsageMeansNoFinalChunk() {
        var relay = OpenAIStreamRelay(clientWantsUsage: false, estimatedPromptTokens: 5)
        _ = relay.relay(Self.chunk(#"{"content": "x"}"#))
        #expect(relay.finish() == nil)
        #expect(relay.usage == TokenUsage(promptTokens: 5, completionTokens: 1, estimated: true))
    }

    @Test func hostileChunksDoNotCrash() {
        var relay = OpenAIStreamRelay(clientWantsUsage: true, estimatedPromptTokens: 0)
        #expect(relay.relay([1, 2]) == [1, 2])
        #expect(relay.relay(["choices": "no", "usage": ["prompt_tokens": -1, "completion_tokens": 2]]) != nil)
        #expect(relay.engineUsage == nil)
        #expect(relay.finish() == nil)
        _ = relay.relay(["error": ["message": "boom"]])
        #expect(relay.sawError)
    }
}
