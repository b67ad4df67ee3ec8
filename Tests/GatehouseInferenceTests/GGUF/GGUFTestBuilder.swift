import GatehouseCore

@testable import GatehouseInference

/// A metadata value to encode into a hand-built GGUF blob.
indirect enum GGUFTestValue {
    case u8(UInt8)
    case i8(Int8)
    case u16(UInt16)
    case i16(Int16)
    case u32(UInt32)
    case i32(Int32)
    case u64(UInt64)
    case i64(Int64)
    case f32(Float)
    case f64(Double)
    case bool(Bool)
    case str(String)
    case array(GGUFValueType, [GGUFTestValue])

    var type: GGUFValueType {
        switch self {
        case .u8: .uint8
        case .i8: .int8
        case .u16: .uint16
        case .i16: .int16
        case .u32: .uint32
        case .i32: .int32
        case .u64: .uint64
        case .i64: .int64
        case .f32: .float32
        case .f64: .float64
        case .bool: .bool
        case .str: .string
        case .array: .array
        }
    }
}

/// A tensor to describe in a hand-built blob; `offset` nil means "next aligned slot".
struct GGUFTestTensor {
    var name: String
    var dims: [UInt64]
    var type: UInt32
    var offset: UInt64?
    var bytes: Int = 0
}

/// Little-endian byte writer for GGUF test blobs.
struct GGUFBytes {
    var bytes: [UInt8] = []

    mutating func int(_ value: UInt64, width: Int) {
        for index in 0..<width { bytes.append(UInt8(truncatingIfNeeded: value >> (8 * UInt64(index)))) }
    }
    mutating func u32(_ value: UInt32) { int(UInt64(value), width: 4) }
    mutating func u64(_ value: UInt64) { int(value, width: 8) }
    mutating func string(_ text: String) {
        u64(UInt64(text.utf8.count))
        bytes += Array(text.utf8)
    }

    /// Writes a value's payload (no type tag).
    mutating func payload(_ value: GGUFTestValue) {
        switch value {
        case .u8(let v): int(UInt64(v), width: 1)
        case .i8(let v): int(UInt64(UInt8(bitPattern: v)), width: 1)
        case .u16(let v): int(UInt64(v), width: 2)
        case .i16(let v): int(UInt64(UInt16(bitPattern: v)), width: 2)
        case .u32(let v): u32(v)
        case .i32(let v): u32(UInt32(bitPattern: v))
        case .u64(let v): u64(v)
        case .i64(let v): u64(UInt64(bitPattern: v))
        case .f32(let v): u32(v.bitPattern)
        case .f64(let v): u64(v.bitPattern)
        case .bool(let v): int(v ? 1 : 0, width: 1)
        case .str(let v): string(v)
        case .array(let type, let elements):
            u32(type.rawValue)
            u64(UInt64(elements.count))
            for element in elements { payload(element) }
        }
    }

    /// Writes a key/value entry.
    mutating func entry(_ key: String, _ value: GGUFTestValue) {
        string(key)
        u32(value.type.rawValue)
        payload(value)
    }
}

/// Builds a complete GGUF blob: header, metadata, tensor infos, padding, zero-filled tensor data.
func makeGGUF(
    version: UInt32 = 3, metadata: [(String, GGUFTestValue)] = [], tensors: [GGUFTestTensor] = [], alignment: Int = 32
) -> [UInt8] {
    var out = GGUFBytes()
    out.bytes = Array("GGUF".utf8)
    out.u32(version)
    out.u64(UInt64(tensors.count))
    out.u64(UInt64(metadata.count))
    for (key, value) in metadata { out.entry(key, value) }
    var next: UInt64 = 0
    var end: UInt64 = 0
    for tensor in tensors {
        out.string(tensor.name)
        out.u32(UInt32(tensor.dims.count))
        for dim in tensor.dims { out.u64(dim) }
        out.u32(tensor.type)
        let offset = tensor.offset ?? next
        out.u64(offset)
        let (tensorEnd, overflow) = offset.addingReportingOverflow(UInt64(tensor.bytes))
        guard !overflow, tensorEnd < 1 << 30 else { continue }  // deliberately hostile offsets add no data
        end = max(end, tensorEnd)
        next = (tensorEnd + UInt64(alignment) - 1) / UInt64(alignment) * UInt64(alignment)
    }
    while out.bytes.count % alignment != 0 { out.bytes.append(0) }
    out.bytes += [UInt8](repeating: 0, count: Int(end))
    return out.bytes
}

/// A small llama-like model blob exercising metadata and three tensor types.
func sampleGGUFModel(version: UInt32 = 3) -> [UInt8] {
    makeGGUF(
        version: version,
        metadata: [
            ("general.architecture", .str("llama")),
            ("general.name", .str("Tiny")),
            ("general.license", .str("apache-2.0")),
            ("general.file_type", .u32(3)),
            ("llama.context_length", .u32(128)),
            ("llama.block_count", .u32(2)),
            ("llama.embedding_length", .u32(64)),
            ("llama.feed_forward_length", .u32(128)),
            ("llama.attention.head_count", .u32(4)),
            ("llama.attention.head_count_kv", .u32(2)),
            ("tokenizer.ggml.tokens", .array(.string, [.str("a"), .str("b"), .str("c")])),
        ],
        tensors: [
            GGUFTestTensor(name: "token_embd.weight", dims: [64, 3], type: 0, bytes: 64 * 3 * 4),
            GGUFTestTensor(name: "blk.0.attn_q.weight", dims: [64, 64], type: 3, bytes: 64 * 64 / 32 * 20),
            GGUFTestTensor(name: "blk.0.ffn_up.weight", dims: [256, 2], type: 12, bytes: 144 * 2),
        ])
}

/// Runs `body` and returns the `GatehouseError` it throws, or nil if it succeeds.
func ggufError(_ body: () throws(GatehouseError) -> GGUFInfo) -> GatehouseError? {
    do {
        _ = try body()
        return nil
    } catch {
        return error
    }
}
