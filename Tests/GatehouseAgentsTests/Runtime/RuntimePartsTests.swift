import GatehouseCore
import Testing

@testable import GatehouseAgents

/// The runtime's small parts: history trimming, the loop breaker, stream assembly, the budget.
@Suite struct RuntimePartsTests {
    static func call(_ id: String) -> ToolCall { ToolCall(id: id, name: "think", arguments: "{}") }

    @Test func trimmingKeepsEveryUserMessageAndNeverOrphansAToolAnswer() {
        let messages: [ChatMessage] = [
            ChatMessage(role: .user, content: "first"),
            ChatMessage(role: .assistant, content: nil, toolCalls: [Self.call("a")]),
            ChatMessage(role: .tool, content: "ra", toolCallID: "a"),
            ChatMessage(role: .assistant, content: "answer one"),
            ChatMessage(role: .user, content: "second"),
            ChatMessage(role: .assistant, content: nil, toolCalls: [Self.call("b")]),
            ChatMessage(role: .tool, content: "rb", toolCallID: "b"),
            ChatMessage(role: .assistant, content: "answer two"),
        ]
        let kept = HistoryWindow.trimmed(messages, limit: 4)
        #expect(kept.filter { $0.role == .user }.count == 2)
        // The assistant call "a" was dropped, so its answer went with it.
        #expect(!kept.contains { $0.toolCallID == "a" })
        #expect(kept.contains { $0.toolCallID == "b" })
        #expect(HistoryWindow.trimmed(messages, limit: nil) == messages)
        // Compaction never splits a call from its answer.
        #expect(HistoryWindow.foldPoint(messages, keepLast: 2) == 5)
    }

    @Test func theLoopBreakerCountsIdenticalCallsInARowWhateverTheKeyOrder() {
        var breaker = LoopBreaker(limit: 3)
        let looped = [#"{"a": 1, "b": 2}"#, #"{"b": 2, "a": 1}"#, #"{"a":1,"b":2}"#].map {
            breaker.record(ToolCall(id: "x", name: "shell", arguments: $0))
        }
        #expect(looped == [false, false, true])
        var other = LoopBreaker(limit: 3)
        let varied = [#"{"a": 1}"#, #"{"a": 2}"#, #"{"a": 1}"#].map {
            other.record(ToolCall(id: "x", name: "shell", arguments: $0))
        }
        #expect(varied == [false, false, false])
    }

    @Test func aStreamIsAssembledIntoTextToolCallsAndUsage() throws {
        var reply = StreamedReply()
        let chunks: [JSONValue] = [
            ["choices": [["delta": ["content": "Hel"]]]],
            ["choices": [["delta": ["content": "lo"]]]],
            [
                "choices": [
                    [
                        "delta": [
                            "tool_calls": [
                                ["index": 0, "id": "c1", "function": ["name": "think", "arguments": "{\"th"]]
                            ]
                        ]
                    ]
                ]
            ],
            ["choices": [["delta": ["tool_calls": [["index": 0, "function": ["arguments": "ought\": 1}"]]]]]]],
            ["choices": [["delta": [:], "finish_reason": "tool_calls"]]],
            ["choices": [], "usage": ["prompt_tokens": 7, "completion_tokens": 3]],
        ]
        var texts: [String] = []
        for chunk in chunks { if let text = try reply.add(chunk) { texts.append(text) } }
        #expect(texts == ["Hel", "lo"])
        #expect(reply.message.content == "Hello")
        #expect(reply.message.toolCalls == [ToolCall(id: "c1", name: "think", arguments: "{\"thought\": 1}")])
        #expect(reply.finishReason == "tool_calls")
        #expect(reply.usage?["prompt_tokens"]?.intValue == 7)
        var hostile = StreamedReply()
        var refused = false
        do {
            _ = try hostile.add(["choices": [["delta": ["tool_calls": [["index": 9999]]]]]])
        } catch {
            refused = true
        }
        #expect(refused)
    }

    @Test func theBudgetIsSpentByTokensOrCost() async {
        let budget = SharedBudget(maxTokens: 100, maxCostMicros: 50)
        #expect(await budget.exhausted() == nil)
        await budget.charge(tokens: 60, costMicros: 10)
        #expect(await budget.exhausted() == nil)
        await budget.charge(tokens: 40, costMicros: 10)
        #expect(await budget.exhausted()?.contains("token budget") == true)
        let costly = SharedBudget(maxTokens: nil, maxCostMicros: 50)
        await costly.charge(tokens: 1, costMicros: 50)
        #expect(await costly.exhausted()?.contains("cost budget") == true)
    }
}
