import GatehouseAgents
import GatehouseCore
import Testing

@Suite struct ChatMessageTests {
    @Test func assistantToolCallsAreEncodedInOpenAIShape() {
        let message = ChatMessage(
            role: .assistant, content: nil, toolCalls: [ToolCall(id: "c1", name: "think", arguments: "{\"x\":1}")])
        let encoded = message.openAI
        #expect(encoded["content"] == "")
        #expect(encoded["tool_calls"]?.arrayValue?.first?["function"]?["arguments"]?.stringValue == "{\"x\":1}")
        #expect(encoded["tool_calls"]?.arrayValue?.first?["id"]?.stringValue == "c1")
    }

    @Test func toolAnswersNameTheCallTheyAnswer() {
        let message = ChatMessage(role: .tool, content: "42", toolCallID: "c1", name: "think")
        #expect(message.openAI["tool_call_id"]?.stringValue == "c1")
        #expect(message.openAI["role"]?.stringValue == "tool")
    }
}
