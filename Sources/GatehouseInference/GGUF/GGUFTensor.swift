/// One tensor described in a GGUF header.
public struct GGUFTensor: Sendable, Hashable {
    /// The tensor name, e.g. `blk.0.attn_q.weight`.
    public var name: String
    /// Dimensions, innermost (row length) first, as ggml stores them.
    public var dimensions: [Int64]
    /// The element type.
    public var type: GGMLType
    /// Offset of the tensor data from the start of the (aligned) data section.
    public var offset: UInt64
    /// Product of the dimensions.
    public var elementCount: Int64
    /// Bytes of tensor data, from the type's block layout.
    public var byteCount: Int64

    /// Creates a tensor description.
    public init(
        name: String, dimensions: [Int64], type: GGMLType, offset: UInt64, elementCount: Int64, byteCount: Int64
    ) {
        self.name = name
        self.dimensions = dimensions
        self.type = type
        self.offset = offset
        self.elementCount = elementCount
        self.byteCount = byteCount
    }
}
