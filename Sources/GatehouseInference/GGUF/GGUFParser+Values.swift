import GatehouseCore

extension GGUFParser {
    /// Reads a length-prefixed string of at most `maxLength` bytes.
    mutating func string(_ what: String, maxLength: UInt64) throws(GatehouseError) -> String {
        let length = try cursor.u64("length of \(what)")
        guard length <= maxLength else {
            throw cursor.invalid("\(what) is \(length) bytes long, limit \(maxLength)")
        }
        let raw = try cursor.bytes(Int(length), what)
        return String(decoding: raw, as: UTF8.self)
    }

    /// Reads a value type tag.
    mutating func valueType(_ what: String) throws(GatehouseError) -> GGUFValueType {
        let raw = try cursor.u32("type of \(what)")
        guard let type = GGUFValueType(rawValue: raw) else {
            throw cursor.invalid("\(what) has unknown value type \(raw)")
        }
        return type
    }

    /// Reads one value of `type`; arrays nest up to the depth limit.
    mutating func value(_ type: GGUFValueType, _ what: String, depth: Int) throws(GatehouseError) -> GGUFValue {
        switch type {
        case .uint8: return .uint8(UInt8(truncatingIfNeeded: try cursor.unsigned(1, what)))
        case .int8: return .int8(Int8(truncatingIfNeeded: try cursor.unsigned(1, what)))
        case .uint16: return .uint16(UInt16(truncatingIfNeeded: try cursor.unsigned(2, what)))
        case .int16: return .int16(Int16(truncatingIfNeeded: try cursor.unsigned(2, what)))
        case .uint32: return .uint32(try cursor.u32(what))
        case .int32: return .int32(Int32(truncatingIfNeeded: try cursor.u32(what)))
        case .uint64: return .uint64(try cursor.u64(what))
        case .int64: return .int64(Int64(truncatingIfNeeded: try cursor.u64(what)))
        case .float32: return .float32(Float(bitPattern: try cursor.u32(what)))
        case .float64: return .float64(Double(bitPattern: try cursor.u64(what)))
        case .bool:
            let raw = try cursor.unsigned(1, what)
            guard raw <= 1 else { throw cursor.invalid("\(what) is a boolean with value \(raw)") }
            return .bool(raw == 1)
        case .string:
            let text = try string(what, maxLength: limits.maxStringLength)
            storedStringBytes += text.utf8.count
            guard storedStringBytes <= limits.maxStoredStringBytes else {
                throw cursor.invalid("metadata strings exceed \(limits.maxStoredStringBytes) bytes in total")
            }
            return .string(text)
        case .array:
            return .array(try array(what, depth: depth + 1, store: true))
        }
    }

    /// Reads an array header, then its elements (kept when small and `store`) or skips them.
    mutating func array(_ what: String, depth: Int, store: Bool) throws(GatehouseError) -> GGUFArray {
        guard depth <= limits.maxArrayDepth else {
            throw cursor.invalid("\(what) nests arrays deeper than \(limits.maxArrayDepth) levels")
        }
        let elementType = try valueType("elements of \(what)")
        let count = try cursor.u64("element count of \(what)")
        guard count <= limits.maxArrayLength else {
            throw cursor.invalid("\(what) has \(count) elements, limit \(limits.maxArrayLength)")
        }
        // Every element takes at least this many bytes: refuse counts the file cannot hold.
        let minimumSize = UInt64(elementType.fixedSize ?? (elementType == .string ? 8 : 12))
        guard count <= cursor.remaining / minimumSize else {
            throw cursor.invalid("\(what) claims \(count) elements but the file is too short")
        }
        guard store, count <= UInt64(limits.maxStoredArrayLength) else {
            try skipElements(elementType, count: count, what, depth: depth)
            return GGUFArray(elementType: elementType, count: Int(count), values: nil)
        }
        var values: [GGUFValue] = []
        values.reserveCapacity(Int(count))
        for _ in 0..<count {
            values.append(try value(elementType, "element of \(what)", depth: depth))
        }
        return GGUFArray(elementType: elementType, count: Int(count), values: values)
    }

    /// Moves past `count` elements of `type` without keeping them.
    mutating func skipElements(
        _ type: GGUFValueType, count: UInt64, _ what: String, depth: Int
    ) throws(GatehouseError) {
        if let size = type.fixedSize {
            // count * size cannot overflow: count <= remaining / size was checked by the caller.
            try cursor.skip(count * UInt64(size), "elements of \(what)")
            return
        }
        for _ in 0..<count {
            if type == .string {
                let length = try cursor.u64("length of string in \(what)")
                guard length <= limits.maxStringLength else {
                    throw cursor.invalid("string in \(what) is \(length) bytes long, limit \(limits.maxStringLength)")
                }
                try cursor.skip(length, "string in \(what)")
            } else {
                _ = try array("element of \(what)", depth: depth + 1, store: false)
            }
        }
    }
}
