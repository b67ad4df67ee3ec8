package import GatehouseCore

/// OpenAI embeddings responses turned into Ollama ones.
extension OllamaResponse {
    /// An OpenAI `/v1/embeddings` response as an Ollama `/api/embed` one: `embeddings` ordered by
    /// `index`, with timings and `prompt_eval_count` from `usage.prompt_tokens` (0 if absent).
    package static func embed(_ response: JSONValue, model: String, timings: OllamaTimings) throws(GatehouseError)
        -> JSONValue
    {
        let vectors = try embeddings(response)
        let prompt = response["usage"]?["prompt_tokens"]?.intValue ?? 0
        return [
            "model": .string(model), "embeddings": .array(vectors), "total_duration": .integer(timings.totalDuration),
            "load_duration": .integer(timings.loadDuration), "prompt_eval_count": .integer(max(0, prompt)),
        ]
    }

    /// An OpenAI `/v1/embeddings` response as a legacy `/api/embeddings` one: `{embedding: […]}`
    /// (empty when there was no input).
    package static func legacyEmbedding(_ response: JSONValue) throws(GatehouseError) -> JSONValue {
        ["embedding": try embeddings(response).first ?? []]
    }

    private static func embeddings(_ response: JSONValue) throws(GatehouseError) -> [JSONValue] {
        guard let data = response["data"]?.arrayValue else { throw .engine("data must be an array") }
        var indexed: [(Int64, JSONValue)] = []
        for (position, item) in data.enumerated() {
            guard let vector = item["embedding"]?.arrayValue,
                vector.allSatisfy({ if case .number = $0 { true } else if case .integer = $0 { true } else { false } })
            else { throw .engine("data[\(position)].embedding must be an array of numbers") }
            indexed.append((item["index"]?.intValue ?? Int64(position), .array(vector)))
        }
        return indexed.sorted { $0.0 < $1.0 }.map(\.1)
    }
}
