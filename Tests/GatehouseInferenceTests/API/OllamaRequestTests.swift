import GatehouseCore
import Testing

@testable import GatehouseInference

@Suite struct OllamaChatRequestTests {
    static let toolRoundTrip = json(
        """
        {"model": "qwen3", "keep_alive": "10m", "format": "json",
         "options": {"temperature": 0.1, "num_predict": 128, "stop": "END", "num_ctx": 4096, "top_k": 20, "seed": 7},
         "tools": [{"type": "function", "function": {"name": "get_weather", "parameters": {"type": "object"}}}],
         "messages": [
           {"role": "user", "content": "Weather in Paris and Oslo?"},
           {"role": "assistant", "content": "", "tool_calls": [
             {"function": {"name": "get_weather", "arguments": {"city": "Paris"}}},
             {"function": {"name": "get_weather", "arguments": {"city": "Oslo", "units": "c"}}}]},
           {"role": "tool", "tool_name": "get_weather", "content": "18C"},
           {"role": "tool", "tool_name": "get_weather", "content": "9C"}]}
        """)

    @Test func translatesToolRoundTrip() throws {
        let translation = try OllamaChatTranslation(body: Self.toolRoundTrip)
        #expect(translation.stream)
        #expect(translation.keepAlive == .seconds(600))
        #expect(!translation.loadOnly)
        let expected = json(
            """
            {"model": "qwen3", "stream": true, "temperature": 0.1, "max_tokens": 128, "stop": ["END"], "seed": 7,
             "response_format": {"type": "json_object"},
             "tools": [{"type": "function", "function": {"name": "get_weather", "parameters": {"type": "object"}}}],
             "messages": [
               {"role": "user", "content": "Weather in Paris and Oslo?"},
               {"role": "assistant", "content": "", "tool_calls": [
                 {"id": "call_0", "type": "function",
                  "function": {"name": "get_weather", "arguments": "{\\"city\\":\\"Paris\\"}"}},
                 {"id": "call_1", "type": "function",
                  "function": {"name": "get_weather", "arguments": "{\\"city\\":\\"Oslo\\",\\"units\\":\\"c\\"}"}}]},
               {"role": "tool", "name": "get_weather", "tool_call_id": "call_0", "content": "18C"},
               {"role": "tool", "name": "get_weather", "tool_call_id": "call_1", "content": "9C"}]}
            """)
        #expect(translation.openAI == expected)
    }

    @Test func schemaFormatAndStreamFalse() throws {
        let body = json(
            #"{"model": "m", "stream": false, "format": {"type": "object", "properties": {"a": {"type": "string"}}}, "#
                + #""messages": [{"role": "user", "content": "x"}], "keep_alive": 0}"#)
        let translation = try OllamaChatTranslation(body: body)
        #expect(!translation.stream)
        #expect(translation.keepAlive == .unloadNow)
        #expect(
            translation.openAI["response_format"]
                == json(
                    #"{"type": "json_schema", "json_schema": {"name": "response", "#
                        + #""schema": {"type": "object", "properties": {"a": {"type": "string"}}}}}"#))
    }

    @Test func emptyMessagesMeanLoadOnly() throws {
        let translation = try OllamaChatTranslation(body: ["model": "m", "messages": []])
        #expect(translation.loadOnly)
    }

    @Test(arguments: [
        (
            #"{"model": "m", "messages": [{"role": "user", "content": "x", "images": ["aGk="]}]}"#,
            "messages[0].images are not supported"
        ),
        (
            #"{"model": "m", "messages": [{"role": "developer", "content": "x"}]}"#,
            "messages[0].role must be one of system, user, assistant, tool"
        ),
        (#"{"model": "m", "messages": [{"role": "user", "content": ["x"]}]}"#, "messages[0].content must be a string"),
        (
            #"{"model": "m", "messages": [{"role": "assistant", "tool_calls": [{"function": {"name": "f", "arguments": "{}"}}]}]}"#,
            "messages[0].tool_calls[0].function.arguments must be an object"
        ),
        (
            #"{"model": "m", "messages": [{"role": "assistant", "tool_calls": [{"function": {"arguments": {}}}]}]}"#,
            "messages[0].tool_calls[0].function.name must be a non-empty string"
        ),
        (#"{"model": "m", "messages": [], "options": {"temprature": 1}}"#, "options.temprature is not a known option"),
        (#"{"model": "m", "messages": [], "options": {"temperature": "hot"}}"#, "options.temperature must be a number"),
        (
            #"{"model": "m", "messages": [], "options": {"num_predict": 1.5}}"#,
            "options.num_predict must be an integer of at least -2"
        ),
        (#"{"model": "m", "messages": [], "format": "yaml"}"#, "format must be \"json\" or a JSON schema object"),
        (
            #"{"model": "m", "messages": [], "keep_alive": "5 minutes"}"#,
            "keep_alive must be a duration such as \"5m\" or \"30s\", or a number of seconds"
        ),
        (#"{"model": "m", "messages": {}}"#, "messages must be an array"),
        (#"{"model": "m", "tools": [{"type": "function"}]}"#, "tools[0].function.name must be a string"),
        (#"{"messages": []}"#, "model must be a non-empty string"),
    ])
    func refusesBadChat(body: String, message: String) {
        #expect(throws: bad(message)) { try OllamaChatTranslation(body: json(body)) }
    }

    @Test func keepAliveForms() throws {
        #expect(try KeepAlive.parse("5m") == .seconds(300))
        #expect(try KeepAlive.parse("1h30m") == .seconds(5400))
        #expect(try KeepAlive.parse("1.5s") == .seconds(1.5))
        #expect(try KeepAlive.parse("300ms") == .seconds(0.3))
        #expect(try KeepAlive.parse(30) == .seconds(30))
        #expect(try KeepAlive.parse("0") == .unloadNow)
        #expect(try KeepAlive.parse("0s") == .unloadNow)
        #expect(try KeepAlive.parse(-1) == .forever)
        #expect(try KeepAlive.parse("-1m") == .forever)
        #expect(try KeepAlive.parse("99999999999h") == .forever)
        #expect(try KeepAlive.parse(nil) == nil)
        for text in ["", "5", "m", "5x", ".m", "--5m", "1e3s"] {
            #expect(KeepAlive.parseDuration(text) == nil, "\(text)")
        }
        #expect(throws: bad("keep_alive must be a duration string or a number of seconds")) {
            try KeepAlive.parse([1])
        }
    }
}
