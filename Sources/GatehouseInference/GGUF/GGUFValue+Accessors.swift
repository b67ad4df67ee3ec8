extension GGUFValue {
    /// The value as a signed 64-bit integer, for any integer case whose value fits.
    public var int64Value: Int64? {
        switch self {
        case .uint8(let v): Int64(v)
        case .int8(let v): Int64(v)
        case .uint16(let v): Int64(v)
        case .int16(let v): Int64(v)
        case .uint32(let v): Int64(v)
        case .int32(let v): Int64(v)
        case .uint64(let v): Int64(exactly: v)
        case .int64(let v): v
        default: nil
        }
    }

    /// The value as `Int`, for any integer case whose value fits.
    public var intValue: Int? { int64Value.flatMap { Int(exactly: $0) } }

    /// The value as `Double`, for floats and integers.
    public var doubleValue: Double? {
        switch self {
        case .float32(let v): Double(v)
        case .float64(let v): v
        default: int64Value.map { Double($0) }
        }
    }

    /// The value when it is a string.
    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    /// The value when it is a boolean.
    public var boolValue: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }

    /// The value when it is an array.
    public var arrayValue: GGUFArray? {
        if case .array(let a) = self { return a }
        return nil
    }
}
