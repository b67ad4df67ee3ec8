/// Bounds the GGUF reader enforces so that a hostile file cannot exhaust memory or time.
///
/// Every count and length read from the file is checked against these limits *and* against the
/// bytes that remain in the file before anything is allocated or looped over.
public struct GGUFLimits: Sendable, Hashable {
    /// Most metadata key/value pairs accepted.
    public var maxKeyValueCount: UInt64
    /// Longest string (key or value) accepted, in bytes.
    public var maxStringLength: UInt64
    /// Longest array accepted, in elements (large arrays are skipped over, not stored).
    public var maxArrayLength: UInt64
    /// Arrays with at most this many elements keep their values; longer ones keep only a count.
    public var maxStoredArrayLength: Int
    /// Deepest nesting of arrays inside arrays (1 means no array may contain an array).
    public var maxArrayDepth: Int
    /// Most string bytes kept in memory across all stored metadata values.
    public var maxStoredStringBytes: Int
    /// Most tensors accepted.
    public var maxTensorCount: UInt64
    /// Longest tensor name accepted, in bytes.
    public var maxTensorNameLength: UInt64
    /// Most dimensions per tensor (ggml supports four).
    public var maxTensorDimensions: UInt32

    /// Creates limits; the defaults comfortably admit real models up to hundreds of billions of parameters.
    public init(
        maxKeyValueCount: UInt64 = 65_536,
        maxStringLength: UInt64 = 1 << 20,
        maxArrayLength: UInt64 = 10_000_000,
        maxStoredArrayLength: Int = 1_024,
        maxArrayDepth: Int = 3,
        maxStoredStringBytes: Int = 64 << 20,
        maxTensorCount: UInt64 = 1_000_000,
        maxTensorNameLength: UInt64 = 1_024,
        maxTensorDimensions: UInt32 = 4
    ) {
        self.maxKeyValueCount = maxKeyValueCount
        self.maxStringLength = maxStringLength
        self.maxArrayLength = maxArrayLength
        self.maxStoredArrayLength = maxStoredArrayLength
        self.maxArrayDepth = maxArrayDepth
        self.maxStoredStringBytes = maxStoredStringBytes
        self.maxTensorCount = maxTensorCount
        self.maxTensorNameLength = maxTensorNameLength
        self.maxTensorDimensions = maxTensorDimensions
    }

    /// The limits `GGUFFile.read(path:)` uses.
    public static let standard = GGUFLimits()
}
