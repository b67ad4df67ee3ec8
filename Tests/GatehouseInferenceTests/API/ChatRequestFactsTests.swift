import Foundation
import GatehouseCore
import Testing

@testable import GatehouseInference

@Suite struct ChatRequestFactsTests {
    static let chat = json(
        """
        {"model": "smollm2", "stream": true, "stream_options": {"include_usage": true}, "max_tokens": 50,
         "max_completion_tokens": 64, "temperature": 0.2,
         "messages": [
           {"role": "system", "content": "Be brief."},
           {"role": "user", "content": [{"type": "text", "text": "héllo"},
                                        {"type": "image_url", "image_url": {"url": "data:x"}}]},
           {"role": "assistant", "content": null,
            "tool_calls": [{"id": "c1", "type": "function", "function": {"name": "f", "arguments": "{}"}}]},
           {"role": "tool", "tool_call_id": "c1", "content": "42"}]}
        """)

    @Test func readsChatFacts() throws {
        let facts = try ChatRequestFacts(body: Self.chat, kind: .chat)
        #expect(facts.model == "smollm2")
        #expect(facts.stream)
        #expect(facts.includeUsage)
        #expect(facts.maxTokens == 64)
        #expect(facts.messageCount == 4)
        #expect(facts.promptBytes == 9 + 6 + 2)
        #expect(facts.estimatedPromptTokens == 5 + 16)
        #expect(facts.promptCanonical == Self.chat["messages"]?.encoded)
    }

    @Test func defaultsAndCompletions() throws {
        let facts = try ChatRequestFacts(
            body: ["model": "m", "prompt": ["abcd", "efgh1"], "max_tokens": 5], kind: .completion)
        #expect(!facts.stream)
        #expect(!facts.includeUsage)
        #expect(facts.maxTokens == 5)
        #expect(facts.promptBytes == 9)
        #expect(facts.estimatedPromptTokens == 3)
        #expect(facts.promptCanonical == Data("[\"abcd\",\"efgh1\"]".utf8))
    }

    @Test(arguments: [
        (#"{"messages": [{"role": "user", "content": "x"}]}"#, "model must be a non-empty string"),
        (#"{"model": "", "messages": []}"#, "model must be a non-empty string"),
        (#"{"model": "m"}"#, "messages is required"),
        (#"{"model": "m", "messages": []}"#, "messages must be a non-empty array"),
        (#"{"model": "m", "stream": "yes", "messages": []}"#, "stream must be a boolean"),
        (
            #"{"model": "m", "stream_options": {"include_usage": 1}, "messages": []}"#,
            "stream_options.include_usage must be a boolean"
        ),
        (#"{"model": "m", "max_tokens": -3, "messages": []}"#, "max_tokens must be a positive integer"),
        (#"{"model": "m", "messages": [{"role": "user", "content": "a"}, 5]}"#, "messages[1] must be an object"),
        (
            #"{"model": "m", "messages": [{"role": "user"}, {"role": "root", "content": "a"}]}"#,
            "messages[1].role must be one of system, developer, user, assistant, tool"
        ),
        (
            #"{"model": "m", "messages": [{"role": "user", "content": 7}]}"#,
            "messages[0].content must be a string, an array or null"
        ),
        (
            #"{"model": "m", "messages": [{"role": "user", "content": [{"type": "text", "text": 1}]}]}"#,
            "messages[0].content[0].text must be a string"
        ),
        (
            #"{"model": "m", "messages": [{"role": "user", "content": ["hi"]}]}"#,
            "messages[0].content[0] must be an object"
        ),
    ])
    func refusesBadChat(body: String, message: String) {
        #expect(throws: bad(message)) { try ChatRequestFacts(body: json(body), kind: .chat) }
    }

    @Test func refusesBadPromptAndNonObjectBody() {
        #expect(throws: bad("prompt[1] must be a string")) {
            try ChatRequestFacts(body: ["model": "m", "prompt": ["a", 1]], kind: .completion)
        }
        #expect(throws: bad("request body must be a JSON object")) { try ChatRequestFacts(body: [1], kind: .chat) }
    }

    @Test func boundsMessageCount() {
        let messages = JSONValue.array(Array(repeating: ["role": "user", "content": "x"], count: 4097))
        #expect(throws: bad("messages must have at most 4096 entries")) {
            try ChatRequestFacts(body: ["model": "m", "messages": messages], kind: .chat)
        }
    }

    @Test func forEngineStreaming() {
        let body: JSONValue = [
            "model": "alias", "stream_options": ["include_usage": false, "x": 1], "top_p": .number(0.5),
        ]
        let out = ChatRequestFacts.forEngine(body, model: "/models/smollm2.gguf", stream: true)
        #expect(
            out == [
                "model": "/models/smollm2.gguf", "stream": true, "stream_options": ["include_usage": true, "x": 1],
                "top_p": .number(0.5),
            ])
    }

    @Test func forEngineNotStreaming() {
        let body: JSONValue = ["model": "alias", "stream_options": ["include_usage": true], "messages": []]
        let out = ChatRequestFacts.forEngine(body, model: "engine", stream: false)
        #expect(out == ["model": "engine", "stream": false, "messages": []])
    }
}
