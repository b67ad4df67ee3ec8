/// The type tag of a GGUF metadata value, as stored in the file.
public enum GGUFValueType: UInt32, Sendable, Hashable, CaseIterable {
    /// Unsigned 8-bit integer.
    case uint8 = 0
    /// Signed 8-bit integer.
    case int8 = 1
    /// Unsigned 16-bit integer.
    case uint16 = 2
    /// Signed 16-bit integer.
    case int16 = 3
    /// Unsigned 32-bit integer.
    case uint32 = 4
    /// Signed 32-bit integer.
    case int32 = 5
    /// IEEE 754 single-precision float.
    case float32 = 6
    /// Boolean, one byte (0 or 1).
    case bool = 7
    /// UTF-8 string with a 64-bit length prefix.
    case string = 8
    /// Typed array with a 64-bit element count.
    case array = 9
    /// Unsigned 64-bit integer.
    case uint64 = 10
    /// Signed 64-bit integer.
    case int64 = 11
    /// IEEE 754 double-precision float.
    case float64 = 12

    /// The encoded size of one value of a fixed-size type, or `nil` for strings and arrays.
    public var fixedSize: Int? {
        switch self {
        case .uint8, .int8, .bool: 1
        case .uint16, .int16: 2
        case .uint32, .int32, .float32: 4
        case .uint64, .int64, .float64: 8
        case .string, .array: nil
        }
    }
}

/// One metadata value read from a GGUF header.
public enum GGUFValue: Sendable, Equatable {
    /// Unsigned 8-bit integer.
    case uint8(UInt8)
    /// Signed 8-bit integer.
    case int8(Int8)
    /// Unsigned 16-bit integer.
    case uint16(UInt16)
    /// Signed 16-bit integer.
    case int16(Int16)
    /// Unsigned 32-bit integer.
    case uint32(UInt32)
    /// Signed 32-bit integer.
    case int32(Int32)
    /// Unsigned 64-bit integer.
    case uint64(UInt64)
    /// Signed 64-bit integer.
    case int64(Int64)
    /// Single-precision float.
    case float32(Float)
    /// Double-precision float.
    case float64(Double)
    /// Boolean.
    case bool(Bool)
    /// String (invalid UTF-8 is replaced, never refused).
    case string(String)
    /// Array: element type, count, and the values when the array is small.
    case array(GGUFArray)
}

/// A metadata array: always its element type and count; its values only when small enough to keep.
public struct GGUFArray: Sendable, Equatable {
    /// The type of every element.
    public var elementType: GGUFValueType
    /// How many elements the file holds.
    public var count: Int
    /// The elements, or `nil` when the array was longer than `GGUFLimits.maxStoredArrayLength`.
    public var values: [GGUFValue]?

    /// Creates an array summary.
    public init(elementType: GGUFValueType, count: Int, values: [GGUFValue]?) {
        self.elementType = elementType
        self.count = count
        self.values = values
    }
}
