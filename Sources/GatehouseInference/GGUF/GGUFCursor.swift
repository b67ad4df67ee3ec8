import GatehouseCore

/// A forward-moving reader over a byte source with a bounded buffer and little-endian decoding.
///
/// Every read checks the bytes remaining first, so a length field can never cause an allocation
/// larger than what the file actually contains.
struct GGUFCursor<Source: GGUFByteSource> {
    /// The largest chunk read from the source at once.
    static var chunkSize: Int { 64 << 10 }

    let source: Source
    /// Names the file in error messages.
    let label: String
    private(set) var position: UInt64 = 0
    private var buffer: [UInt8] = []
    private var bufferStart: UInt64 = 0

    init(source: Source, label: String) {
        self.source = source
        self.label = label
    }

    /// Bytes left after the current position.
    var remaining: UInt64 { source.size > position ? source.size - position : 0 }

    /// An error naming the file, the offset, and what is wrong.
    func invalid(_ message: String) -> GatehouseError {
        GatehouseError(.modelInvalid, "GGUF file \(label): \(message) (at byte \(position))")
    }

    /// Refuses unless `count` more bytes exist.
    func require(_ count: UInt64, _ what: String) throws(GatehouseError) {
        guard count <= remaining else {
            throw invalid("truncated while reading \(what): needs \(count) bytes, \(remaining) left")
        }
    }

    /// Reads exactly `count` bytes.
    mutating func bytes(_ count: Int, _ what: String) throws(GatehouseError) -> [UInt8] {
        try require(UInt64(count), what)
        var out: [UInt8] = []
        out.reserveCapacity(count)
        while out.count < count {
            let end = bufferStart + UInt64(buffer.count)
            if position < bufferStart || position >= end {
                let wanted = Int(min(UInt64(Self.chunkSize), remaining))
                buffer = try source.read(at: position, count: wanted)
                bufferStart = position
                guard !buffer.isEmpty else { throw invalid("file ended early while reading \(what)") }
            }
            let index = Int(position - bufferStart)
            let take = min(count - out.count, buffer.count - index)
            out.append(contentsOf: buffer[index..<(index + take)])
            position += UInt64(take)
        }
        return out
    }

    /// Moves past `count` bytes without reading them.
    mutating func skip(_ count: UInt64, _ what: String) throws(GatehouseError) {
        try require(count, what)
        position += count
    }

    /// Reads a little-endian unsigned integer of `width` bytes.
    mutating func unsigned(_ width: Int, _ what: String) throws(GatehouseError) -> UInt64 {
        let raw = try bytes(width, what)
        var value: UInt64 = 0
        for index in stride(from: width - 1, through: 0, by: -1) {
            value = value << 8 | UInt64(raw[index])
        }
        return value
    }

    /// Reads a little-endian `UInt32`.
    mutating func u32(_ what: String) throws(GatehouseError) -> UInt32 {
        UInt32(truncatingIfNeeded: try unsigned(4, what))
    }

    /// Reads a little-endian `UInt64`.
    mutating func u64(_ what: String) throws(GatehouseError) -> UInt64 {
        try unsigned(8, what)
    }
}
