import GatehouseCore
import Testing

@testable import GatehouseInference

@Suite struct OllamaGenerateRequestTests {
    @Test func generateBecomesChat() throws {
        let translation = try OllamaGenerateTranslation(
            body: json(
                #"{"model": "m", "prompt": "Why is the sky blue?", "system": "Be short.", "stream": false, "#
                    + #""options": {"top_p": 0.9}}"#))
        #expect(translation.target == .chat)
        #expect(!translation.stream)
        #expect(!translation.loadOnly)
        #expect(
            translation.openAI
                == json(
                    #"{"model": "m", "stream": false, "top_p": 0.9, "messages": ["#
                        + #"{"role": "system", "content": "Be short."}, "#
                        + #"{"role": "user", "content": "Why is the sky blue?"}]}"#))
    }

    @Test func rawBecomesCompletion() throws {
        let translation = try OllamaGenerateTranslation(
            body: ["model": "m", "prompt": "<|im_start|>user\nhi<|im_end|>", "raw": true, "system": "ignored"])
        #expect(translation.target == .completion)
        #expect(translation.stream)
        #expect(translation.openAI == ["model": "m", "stream": true, "prompt": "<|im_start|>user\nhi<|im_end|>"])
    }

    @Test func emptyPromptIsLoadOnly() throws {
        let translation = try OllamaGenerateTranslation(body: ["model": "m", "keep_alive": "0"])
        #expect(translation.loadOnly)
        #expect(translation.keepAlive == .unloadNow)
    }

    @Test(arguments: [
        (#"{"model": "m", "prompt": "def f(", "suffix": "return 1"}"#, "suffix is not supported"),
        (#"{"model": "m", "prompt": "x", "template": "{{ .Prompt }}"}"#, "template is not supported"),
        (#"{"model": "m", "prompt": "x", "images": ["aGk="]}"#, "images are not supported"),
        (#"{"model": "m", "prompt": "x", "context": [1, 2, 3]}"#, "context is not supported"),
        (#"{"model": "m", "prompt": 5}"#, "prompt must be a string"),
        (#"{"model": "m", "prompt": "x", "raw": "yes"}"#, "raw must be a boolean"),
        (
            #"{"model": "m", "prompt": "x", "options": {"mirostat": 1, "bogus": 2}}"#,
            "options.bogus is not a known option"
        ),
    ])
    func refusesBadGenerate(body: String, message: String) {
        #expect(throws: bad(message)) { try OllamaGenerateTranslation(body: json(body)) }
    }
}

@Suite struct OllamaEmbedRequestTests {
    @Test func embedWithArray() throws {
        let translation = try OllamaEmbedTranslation(
            embed: json(
                #"{"model": "nomic", "input": ["a", "b"], "truncate": false, "keep_alive": "1m", "#
                    + #""options": {"num_ctx": 2048}, "dimensions": 256}"#))
        #expect(translation.openAI == ["model": "nomic", "input": ["a", "b"], "dimensions": 256])
        #expect(translation.inputCount == 2)
        #expect(!translation.truncate)
        #expect(!translation.legacy)
        #expect(translation.keepAlive == .seconds(60))
    }

    @Test func embedWithStringAndLegacy() throws {
        let single = try OllamaEmbedTranslation(embed: ["model": "nomic", "input": "hello"])
        #expect(single.openAI == ["model": "nomic", "input": ["hello"]])
        #expect(single.truncate)
        let legacy = try OllamaEmbedTranslation(legacyEmbeddings: ["model": "nomic", "prompt": "hello"])
        #expect(legacy.openAI == ["model": "nomic", "input": "hello"])
        #expect(legacy.legacy)
        #expect(legacy.inputCount == 1)
        let load = try OllamaEmbedTranslation(embed: ["model": "nomic"])
        #expect(load.inputCount == 0)
    }

    @Test func refusesBadEmbed() {
        #expect(throws: bad("input[1] must be a string")) {
            try OllamaEmbedTranslation(embed: ["model": "m", "input": ["a", 2]])
        }
        #expect(throws: bad("input must be a string or an array of strings")) {
            try OllamaEmbedTranslation(embed: ["model": "m", "input": 3])
        }
        #expect(throws: bad("truncate must be a boolean")) {
            try OllamaEmbedTranslation(embed: ["model": "m", "input": "a", "truncate": "no"])
        }
        #expect(throws: bad("prompt must be a string")) {
            try OllamaEmbedTranslation(legacyEmbeddings: ["model": "m", "prompt": ["a"]])
        }
        #expect(throws: bad("options.nope is not a known option")) {
            try OllamaEmbedTranslation(embed: ["model": "m", "input": "a", "options": ["nope": 1]])
        }
        let many = JSONValue.array(Array(repeating: "x", count: 2049))
        #expect(throws: bad("input must have at most 2048 entries")) {
            try OllamaEmbedTranslation(embed: ["model": "m", "input": many])
        }
    }
}
