import GatehouseCore

/// Random-access bytes the GGUF parser reads from: a file on disk, or memory in tests.
protocol GGUFByteSource {
    /// Total size in bytes.
    var size: UInt64 { get }
    /// Reads up to `count` bytes at `offset`; fewer only at the end of the source.
    func read(at offset: UInt64, count: Int) throws(GatehouseError) -> [UInt8]
}

/// In-memory bytes.
struct GGUFMemorySource: GGUFByteSource {
    let bytes: [UInt8]

    var size: UInt64 { UInt64(bytes.count) }

    func read(at offset: UInt64, count: Int) throws(GatehouseError) -> [UInt8] {
        guard offset < size else { return [] }
        let start = Int(offset)
        let end = start + min(count, bytes.count - start)
        return Array(bytes[start..<end])
    }
}
