package import GatehouseCore

/// Token counts for one completion, as the engine reported them or as the gateway estimated.
package struct TokenUsage: Sendable, Hashable {
    /// Tokens in the prompt.
    package var promptTokens: Int
    /// Tokens generated.
    package var completionTokens: Int
    /// True when the engine did not report usage and these numbers are the gateway's estimate.
    package var estimated: Bool

    /// Creates a usage record.
    package init(promptTokens: Int, completionTokens: Int, estimated: Bool) {
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        self.estimated = estimated
    }

    /// Prompt plus completion.
    package var totalTokens: Int { promptTokens + completionTokens }

    /// Reads an OpenAI `usage` object; nil unless both counts are non-negative integers.
    package init?(openAI usage: JSONValue?) {
        guard let prompt = usage?["prompt_tokens"]?.intValue, let completion = usage?["completion_tokens"]?.intValue,
            (0...Int64(Int32.max)).contains(prompt), (0...Int64(Int32.max)).contains(completion)
        else { return nil }
        self.init(promptTokens: Int(prompt), completionTokens: Int(completion), estimated: false)
    }

    /// The OpenAI `usage` object.
    package var openAI: JSONValue {
        [
            "prompt_tokens": .integer(Int64(promptTokens)),
            "completion_tokens": .integer(Int64(completionTokens)),
            "total_tokens": .integer(Int64(totalTokens)),
        ]
    }
}
