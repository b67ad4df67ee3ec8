extension GGUFInfo {
    /// `general.architecture`, e.g. `llama`.
    public var architecture: String? { metadata["general.architecture"]?.stringValue }
    /// `general.name`.
    public var name: String? { metadata["general.name"]?.stringValue }
    /// `general.license`.
    public var license: String? { metadata["general.license"]?.stringValue }
    /// `general.file_type`: llama.cpp's file-type number (e.g. 3 for mostly Q4_1).
    public var fileType: Int? { metadata["general.file_type"]?.intValue }

    /// The training context length, `<arch>.context_length`.
    public var contextLength: Int? { architectureInt("context_length") }
    /// Number of transformer blocks, `<arch>.block_count`.
    public var blockCount: Int? { architectureInt("block_count") }
    /// Embedding width, `<arch>.embedding_length`.
    public var embeddingLength: Int? { architectureInt("embedding_length") }
    /// Attention heads, `<arch>.attention.head_count`.
    public var headCount: Int? { architectureInt("attention.head_count") }
    /// Key/value heads, `<arch>.attention.head_count_kv`; equals `headCount` when absent.
    public var headCountKV: Int? { architectureInt("attention.head_count_kv") ?? headCount }
    /// Key width per head, `<arch>.attention.key_length`, when present.
    public var keyLength: Int? { architectureInt("attention.key_length") }
    /// Value width per head, `<arch>.attention.value_length`, when present.
    public var valueLength: Int? { architectureInt("attention.value_length") }

    /// Per-head width: `key_length`, else `embedding_length / head_count`.
    public var headDimension: Int? {
        if let keyLength { return keyLength }
        guard let embeddingLength, let headCount, headCount > 0 else { return nil }
        return embeddingLength / headCount
    }

    /// Vocabulary size: `<arch>.vocab_size`, else the length of `tokenizer.ggml.tokens`.
    public var vocabularySize: Int? {
        architectureInt("vocab_size") ?? metadata["tokenizer.ggml.tokens"]?.arrayValue?.count
    }

    /// The integer metadata value `<architecture>.<suffix>`, when present and non-negative.
    ///
    /// Some architectures store per-layer arrays (e.g. head counts); the largest element is returned.
    public func architectureInt(_ suffix: String) -> Int? {
        guard let architecture, let value = metadata["\(architecture).\(suffix)"] else { return nil }
        if let array = value.arrayValue {
            var largest: Int?
            for element in array.values ?? [] {
                if let number = element.intValue, number >= 0 { largest = max(largest ?? 0, number) }
            }
            return largest
        }
        guard let number = value.intValue, number >= 0 else { return nil }
        return number
    }
}
