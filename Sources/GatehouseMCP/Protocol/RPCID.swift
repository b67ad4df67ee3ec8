public import GatehouseCore

/// A JSON-RPC request id: a string or an integer, never null.
public enum RPCID: Sendable, Hashable, CustomStringConvertible {
    case string(String)
    case integer(Int64)

    /// The id as JSON.
    public var json: JSONValue {
        switch self {
        case .string(let value): .string(value)
        case .integer(let value): .integer(value)
        }
    }

    /// The id a JSON value names; nil for anything else (null, objects, fractions).
    public init?(_ value: JSONValue) {
        switch value {
        case .string(let text): self = .string(text)
        case .integer(let number): self = .integer(number)
        default: return nil
        }
    }

    public var description: String {
        switch self {
        case .string(let value): value
        case .integer(let value): String(value)
        }
    }
}
