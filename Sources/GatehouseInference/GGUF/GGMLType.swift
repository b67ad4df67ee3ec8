/// A ggml tensor element type: its numeric id in GGUF files and its block layout.
///
/// Quantised types store elements in blocks: `blockSize` elements take `bytesPerBlock` bytes.
/// Plain types have a block size of one.
public struct GGMLType: Sendable, Hashable, CustomStringConvertible {
    /// The id stored in the file.
    public let id: UInt32
    /// The ggml name, e.g. `Q4_1`.
    public let name: String
    /// Elements per block.
    public let blockSize: Int
    /// Bytes per block.
    public let bytesPerBlock: Int

    /// The ggml name.
    public var description: String { name }

    /// The type with this id, or `nil` when the id is unknown or retired.
    public static func known(id: UInt32) -> GGMLType? { table[id] }

    /// Every type the reader knows, by id.
    public static let all: [GGMLType] = [
        GGMLType(id: 0, name: "F32", blockSize: 1, bytesPerBlock: 4),
        GGMLType(id: 1, name: "F16", blockSize: 1, bytesPerBlock: 2),
        GGMLType(id: 2, name: "Q4_0", blockSize: 32, bytesPerBlock: 18),
        GGMLType(id: 3, name: "Q4_1", blockSize: 32, bytesPerBlock: 20),
        GGMLType(id: 6, name: "Q5_0", blockSize: 32, bytesPerBlock: 22),
        GGMLType(id: 7, name: "Q5_1", blockSize: 32, bytesPerBlock: 24),
        GGMLType(id: 8, name: "Q8_0", blockSize: 32, bytesPerBlock: 34),
        GGMLType(id: 9, name: "Q8_1", blockSize: 32, bytesPerBlock: 36),
        GGMLType(id: 10, name: "Q2_K", blockSize: 256, bytesPerBlock: 84),
        GGMLType(id: 11, name: "Q3_K", blockSize: 256, bytesPerBlock: 110),
        GGMLType(id: 12, name: "Q4_K", blockSize: 256, bytesPerBlock: 144),
        GGMLType(id: 13, name: "Q5_K", blockSize: 256, bytesPerBlock: 176),
        GGMLType(id: 14, name: "Q6_K", blockSize: 256, bytesPerBlock: 210),
        GGMLType(id: 15, name: "Q8_K", blockSize: 256, bytesPerBlock: 292),
        GGMLType(id: 16, name: "IQ2_XXS", blockSize: 256, bytesPerBlock: 66),
        GGMLType(id: 17, name: "IQ2_XS", blockSize: 256, bytesPerBlock: 74),
        GGMLType(id: 18, name: "IQ3_XXS", blockSize: 256, bytesPerBlock: 98),
        GGMLType(id: 19, name: "IQ1_S", blockSize: 256, bytesPerBlock: 50),
        GGMLType(id: 20, name: "IQ4_NL", blockSize: 32, bytesPerBlock: 18),
        GGMLType(id: 21, name: "IQ3_S", blockSize: 256, bytesPerBlock: 110),
        GGMLType(id: 22, name: "IQ2_S", blockSize: 256, bytesPerBlock: 82),
        GGMLType(id: 23, name: "IQ4_XS", blockSize: 256, bytesPerBlock: 136),
        GGMLType(id: 24, name: "I8", blockSize: 1, bytesPerBlock: 1),
        GGMLType(id: 25, name: "I16", blockSize: 1, bytesPerBlock: 2),
        GGMLType(id: 26, name: "I32", blockSize: 1, bytesPerBlock: 4),
        GGMLType(id: 27, name: "I64", blockSize: 1, bytesPerBlock: 8),
        GGMLType(id: 28, name: "F64", blockSize: 1, bytesPerBlock: 8),
        GGMLType(id: 29, name: "IQ1_M", blockSize: 256, bytesPerBlock: 56),
        GGMLType(id: 30, name: "BF16", blockSize: 1, bytesPerBlock: 2),
        GGMLType(id: 34, name: "TQ1_0", blockSize: 256, bytesPerBlock: 54),
        GGMLType(id: 35, name: "TQ2_0", blockSize: 256, bytesPerBlock: 66),
        GGMLType(id: 39, name: "MXFP4", blockSize: 32, bytesPerBlock: 17),
    ]

    private static let table: [UInt32: GGMLType] = {
        var byID: [UInt32: GGMLType] = [:]
        for type in all { byID[type.id] = type }
        return byID
    }()
}

extension GGMLType {
    /// Bytes taken by a tensor of this type with `elementCount` elements whose first dimension is
    /// `rowLength`, or `nil` when the row is not a whole number of blocks or the size overflows.
    func dataSize(elementCount: Int64, rowLength: Int64) -> Int64? {
        let block = Int64(blockSize)
        guard rowLength % block == 0, elementCount % block == 0 else { return nil }
        let (bytes, overflow) = (elementCount / block).multipliedReportingOverflow(by: Int64(bytesPerBlock))
        return overflow ? nil : bytes
    }
}
