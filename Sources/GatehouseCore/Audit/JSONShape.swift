import Foundation

/// The structure of a JSON value with every value replaced by its type.
enum JSONShape: CustomStringConvertible {
    case object([(String, JSONShape)], more: Int)
    case array([String])
    case string, number, bool, null

    static let maxKeys = 64

    /// The shape of `data` when it is one JSON value (Gatehouse's own parser: bounded depth,
    /// no values kept beyond the walk), else nil.
    init?(parsing data: Data) {
        guard let value = JSONValue.parse(data) else { return nil }
        self.init(value)
    }

    /// The shape of a parsed value: objects name at most ``maxKeys`` keys (sorted), arrays the
    /// set of their elements' shapes.
    init(_ value: JSONValue) {
        switch value {
        case .object(let members):
            let keys = members.keys.sorted()
            let fields = keys.prefix(Self.maxKeys).map { ($0, JSONShape(members[$0] ?? .null)) }
            self = .object(fields, more: max(0, keys.count - Self.maxKeys))
        case .array(let elements):
            self = .array(Set(elements.map { JSONShape($0).description }).sorted())
        case .string: self = .string
        case .integer, .number: self = .number
        case .bool: self = .bool
        case .null: self = .null
        }
    }

    var description: String {
        switch self {
        case .object(let fields, let more):
            var parts = fields.map { "\(Self.quoted($0.0)):\($0.1)" }
            if more > 0 { parts.append("…+\(more)") }
            return "{" + parts.joined(separator: ",") + "}"
        case .array(let kinds): return "[" + kinds.joined(separator: "|") + "]"
        case .string: return "string"
        case .number: return "number"
        case .bool: return "bool"
        case .null: return "null"
        }
    }

    static func quoted(_ key: String) -> String {
        let limited = key.count > 64 ? String(key.prefix(64)) + "…" : key
        var out = "\""
        for char in limited {
            if char == "\"" || char == "\\" { out.append("\\") }
            out.append(char)
        }
        return out + "\""
    }
}
