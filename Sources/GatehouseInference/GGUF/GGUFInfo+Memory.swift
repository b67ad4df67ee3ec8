extension GGUFInfo {
    /// Fixed runtime overhead included in every estimate (context, graph metadata, allocator slack).
    public static let fixedOverheadBytes: Int64 = 64 << 20
    /// Tokens per micro-batch assumed for compute buffers (llama.cpp's default `n_ubatch`).
    public static let assumedBatchSize: Int64 = 512

    /// Estimated bytes needed to run the model with `contextLength` tokens of context
    /// (the model's own `context_length` when `nil`). See `memoryEstimate(contextLength:kvBytesPerElement:)`.
    public func estimatedMemory(contextLength: Int?, kvBytesPerElement: Int = 2) -> Int64 {
        memoryEstimate(contextLength: contextLength, kvBytesPerElement: kvBytesPerElement).totalBytes
    }

    /// Estimates memory as weights + KV cache + compute buffers.
    ///
    /// - weights = the sum of all tensors' data bytes (from each ggml type's block size).
    /// - KV cache = `block_count × context × head_count_kv × (key_width + value_width) × kvBytesPerElement`,
    ///   where each width is `key_length`/`value_length` when present, else
    ///   `head_dim = embedding_length / head_count`. With equal widths this is the familiar
    ///   `2 × block_count × context × (head_count_kv × head_dim) × kvBytesPerElement`.
    /// - compute = `fixedOverheadBytes + batch × 4 × (vocab + 4 × embedding + 2 × feed_forward + head_count × context)`
    ///   with `batch = assumedBatchSize`: F32 logits, activations, and one layer's attention scores
    ///   for a micro-batch. This deliberately errs high (it ignores flash attention and buffer reuse).
    ///
    /// Missing metadata counts as zero, so a file without attention metadata is estimated as
    /// weights plus fixed overhead. Every product saturates at `Int64.max` instead of overflowing.
    public func memoryEstimate(contextLength: Int?, kvBytesPerElement: Int = 2) -> GGUFMemoryEstimate {
        let context = Int64(max(contextLength ?? self.contextLength ?? 0, 0))
        let blocks = Int64(blockCount ?? 0)
        let kvHeads = Int64(headCountKV ?? 0)
        let keyWidth = Int64(keyLength ?? headDimension ?? 0)
        let valueWidth = Int64(valueLength ?? headDimension ?? 0)
        let perToken = saturatingProduct([kvHeads, saturatingSum([keyWidth, valueWidth])])
        let kvCache = saturatingProduct([blocks, context, perToken, Int64(max(kvBytesPerElement, 0))])

        let embedding = Int64(embeddingLength ?? 0)
        let feedForward = Int64(architectureInt("feed_forward_length") ?? 0)
        let widths = saturatingSum([
            Int64(vocabularySize ?? 0),
            saturatingProduct([4, embedding]),
            saturatingProduct([2, feedForward]),
            saturatingProduct([Int64(headCount ?? 0), context]),
        ])
        let compute = saturatingSum([
            Self.fixedOverheadBytes, saturatingProduct([Self.assumedBatchSize, 4, widths]),
        ])
        return GGUFMemoryEstimate(
            weightBytes: tensorDataBytes, kvCacheBytes: kvCache, computeBytes: compute,
            contextLength: Int(context))
    }
}
