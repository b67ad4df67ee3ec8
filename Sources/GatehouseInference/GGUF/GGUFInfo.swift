/// What a GGUF file's header says: format version, metadata, and tensor layout.
public struct GGUFInfo: Sendable {
    /// The metadata key holding the data alignment.
    public static let alignmentKey = "general.alignment"
    /// The alignment used when `general.alignment` is absent.
    public static let defaultAlignment = 32

    /// GGUF format version (2 or 3).
    public var version: UInt32
    /// All metadata; large arrays (e.g. tokenizer vocabularies) hold only their count.
    public var metadata: [String: GGUFValue]
    /// Tensor descriptions in file order.
    public var tensors: [GGUFTensor]
    /// Alignment of the data section and of every tensor offset, in bytes.
    public var alignment: Int
    /// Absolute file offset where tensor data begins.
    public var dataOffset: UInt64
    /// Size of the file in bytes.
    public var fileSize: UInt64
    /// Sum of all tensors' data sizes, in bytes.
    public var tensorDataBytes: Int64
    /// Sum of all tensors' element counts.
    public var parameterCount: Int64

    /// Creates a description (the reader builds these; tests may too).
    public init(
        version: UInt32, metadata: [String: GGUFValue], tensors: [GGUFTensor], alignment: Int,
        dataOffset: UInt64, fileSize: UInt64, tensorDataBytes: Int64, parameterCount: Int64
    ) {
        self.version = version
        self.metadata = metadata
        self.tensors = tensors
        self.alignment = alignment
        self.dataOffset = dataOffset
        self.fileSize = fileSize
        self.tensorDataBytes = tensorDataBytes
        self.parameterCount = parameterCount
    }
}
