import GatehouseCore

/// Parses a GGUF header (magic, version, metadata, tensor descriptions) from a byte source.
struct GGUFParser<Source: GGUFByteSource> {
    var cursor: GGUFCursor<Source>
    let limits: GGUFLimits
    var storedStringBytes = 0

    init(source: Source, label: String, limits: GGUFLimits) {
        self.cursor = GGUFCursor(source: source, label: label)
        self.limits = limits
    }

    /// Reads and validates the whole header.
    mutating func parse() throws(GatehouseError) -> GGUFInfo {
        let version = try header()
        let tensorCount = try cursor.u64("tensor count")
        let keyValueCount = try cursor.u64("metadata count")
        guard keyValueCount <= limits.maxKeyValueCount else {
            throw cursor.invalid("\(keyValueCount) metadata entries, limit \(limits.maxKeyValueCount)")
        }
        guard tensorCount <= limits.maxTensorCount else {
            throw cursor.invalid("\(tensorCount) tensors, limit \(limits.maxTensorCount)")
        }
        // Each entry takes at least 13 bytes (key length, type, one-byte value); each tensor at least 32.
        guard keyValueCount <= cursor.remaining / 13 else {
            throw cursor.invalid("\(keyValueCount) metadata entries cannot fit in the file")
        }
        let metadata = try metadata(count: keyValueCount)
        guard tensorCount <= cursor.remaining / 32 else {
            throw cursor.invalid("\(tensorCount) tensors cannot fit in the file")
        }
        let alignment = try Self.alignment(in: metadata, cursor: cursor)
        var tensors: [GGUFTensor] = []
        var names = Set<String>()
        for index in 0..<tensorCount {
            let tensor = try tensorInfo(index: index)
            guard names.insert(tensor.name).inserted else {
                throw cursor.invalid("duplicate tensor name \(ggufExcerpt(tensor.name))")
            }
            tensors.append(tensor)
        }
        guard let dataOffset = ggufAlign(cursor.position, to: UInt64(alignment)) else {
            throw cursor.invalid("data section offset overflows")
        }
        let totals = try checkTensorData(tensors, dataOffset: dataOffset, alignment: UInt64(alignment))
        return GGUFInfo(
            version: version, metadata: metadata, tensors: tensors, alignment: alignment,
            dataOffset: dataOffset, fileSize: cursor.source.size,
            tensorDataBytes: totals.bytes, parameterCount: totals.elements)
    }

    /// Checks the magic and version; returns the version.
    mutating func header() throws(GatehouseError) -> UInt32 {
        let magic = try cursor.bytes(4, "magic")
        guard magic == Array("GGUF".utf8) else {
            throw cursor.invalid("not a GGUF file (bad magic)")
        }
        let version = try cursor.u32("version")
        if version & 0xFFFF == 0 && version != 0 {
            throw cursor.invalid("big-endian GGUF files are not supported")
        }
        guard version == 2 || version == 3 else {
            throw cursor.invalid("GGUF version \(version) is not supported (only 2 and 3)")
        }
        return version
    }

    /// Reads `count` key/value pairs; duplicate keys are refused.
    mutating func metadata(count: UInt64) throws(GatehouseError) -> [String: GGUFValue] {
        var result: [String: GGUFValue] = [:]
        for index in 0..<count {
            let key = try string("key of metadata entry \(index)", maxLength: limits.maxStringLength)
            let name = "metadata \(ggufExcerpt(key))"
            guard result[key] == nil else { throw cursor.invalid("duplicate \(name)") }
            let type = try valueType(name)
            result[key] = try value(type, name, depth: 0)
        }
        return result
    }

    /// `general.alignment`: 32 when absent; otherwise a `uint32` power of two.
    static func alignment(
        in metadata: [String: GGUFValue], cursor: GGUFCursor<Source>
    ) throws(GatehouseError) -> Int {
        guard let value = metadata[GGUFInfo.alignmentKey] else { return GGUFInfo.defaultAlignment }
        guard case .uint32(let raw) = value, raw > 0, raw & (raw - 1) == 0 else {
            throw cursor.invalid("general.alignment must be a uint32 power of two")
        }
        return Int(raw)
    }
}
