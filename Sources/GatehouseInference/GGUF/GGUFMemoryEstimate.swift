/// A breakdown of the memory a model is expected to need once loaded.
public struct GGUFMemoryEstimate: Sendable, Hashable {
    /// Tensor data: the model weights.
    public var weightBytes: Int64
    /// The key/value cache for `contextLength` tokens.
    public var kvCacheBytes: Int64
    /// Compute buffers, logits and fixed runtime overhead.
    public var computeBytes: Int64
    /// The context length the estimate is for.
    public var contextLength: Int

    /// Creates a breakdown.
    public init(weightBytes: Int64, kvCacheBytes: Int64, computeBytes: Int64, contextLength: Int) {
        self.weightBytes = weightBytes
        self.kvCacheBytes = kvCacheBytes
        self.computeBytes = computeBytes
        self.contextLength = contextLength
    }

    /// Weights + KV cache + compute (saturating at `Int64.max`).
    public var totalBytes: Int64 { saturatingSum([weightBytes, kvCacheBytes, computeBytes]) }
}

/// Multiplies non-negative factors, saturating at `Int64.max` instead of overflowing.
func saturatingProduct(_ factors: [Int64]) -> Int64 {
    var result: Int64 = 1
    for factor in factors {
        let (product, overflow) = result.multipliedReportingOverflow(by: max(factor, 0))
        if overflow { return .max }
        result = product
    }
    return result
}

/// Adds non-negative terms, saturating at `Int64.max` instead of overflowing.
func saturatingSum(_ terms: [Int64]) -> Int64 {
    var result: Int64 = 0
    for term in terms {
        let (sum, overflow) = result.addingReportingOverflow(max(term, 0))
        if overflow { return .max }
        result = sum
    }
    return result
}
