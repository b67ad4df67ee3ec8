/// Protocol Buffers' wire format, enough to write OTLP messages: varints, fixed 64-bit
/// numbers, and length-delimited strings, bytes and nested messages.
struct ProtobufWriter: Sendable {
    private(set) var encoded: [UInt8] = []

    /// Field `number` as a varint (wire type 0).
    mutating func varint(_ number: Int, _ value: UInt64) {
        tag(number, wireType: 0)
        append(varint: value)
    }

    /// Field `number` as 8 little-endian bytes (wire type 1).
    mutating func fixed64(_ number: Int, _ value: UInt64) {
        tag(number, wireType: 1)
        for shift in stride(from: 0, to: 64, by: 8) {
            encoded.append(UInt8(truncatingIfNeeded: value >> UInt64(shift)))
        }
    }

    /// Field `number` as length-delimited bytes (wire type 2).
    mutating func bytes(_ number: Int, _ value: some Collection<UInt8>) {
        tag(number, wireType: 2)
        append(varint: UInt64(value.count))
        encoded.append(contentsOf: value)
    }

    /// Field `number` as a UTF-8 string.
    mutating func string(_ number: Int, _ value: String) {
        bytes(number, value.utf8)
    }

    /// Field `number` as a nested message.
    mutating func message(_ number: Int, _ value: ProtobufWriter) {
        bytes(number, value.encoded)
    }

    private mutating func tag(_ number: Int, wireType: UInt64) {
        append(varint: UInt64(number) << 3 | wireType)
    }

    private mutating func append(varint value: UInt64) {
        var value = value
        while value >= 0x80 {
            encoded.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        encoded.append(UInt8(value))
    }
}
