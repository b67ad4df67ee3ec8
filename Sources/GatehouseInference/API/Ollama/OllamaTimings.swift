import GatehouseCore

/// The durations an Ollama response reports, in nanoseconds, as measured by the gateway.
package struct OllamaTimings: Sendable, Hashable {
    /// The whole request.
    package var totalDuration: Int64
    /// Loading the model.
    package var loadDuration: Int64
    /// Reading the prompt (time to first token).
    package var promptEvalDuration: Int64
    /// Generating the output.
    package var evalDuration: Int64

    /// Creates timings; negative values count as 0.
    package init(
        totalDuration: Int64 = 0, loadDuration: Int64 = 0, promptEvalDuration: Int64 = 0, evalDuration: Int64 = 0
    ) {
        self.totalDuration = max(0, totalDuration)
        self.loadDuration = max(0, loadDuration)
        self.promptEvalDuration = max(0, promptEvalDuration)
        self.evalDuration = max(0, evalDuration)
    }

    /// The Ollama statistics fields for `usage`.
    func fields(_ usage: TokenUsage) -> [String: JSONValue] {
        [
            "total_duration": .integer(totalDuration), "load_duration": .integer(loadDuration),
            "prompt_eval_count": .integer(Int64(usage.promptTokens)),
            "prompt_eval_duration": .integer(promptEvalDuration),
            "eval_count": .integer(Int64(usage.completionTokens)), "eval_duration": .integer(evalDuration),
        ]
    }
}
