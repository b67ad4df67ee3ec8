/// The structure of a JSON value with every value replaced by its type.
enum JSONShape: Decodable, CustomStringConvertible {
    case object([(String, JSONShape)], more: Int)
    case array([String])
    case string, number, bool, null

    static let maxKeys = 64

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    init(from decoder: any Decoder) throws {
        if let object = try? decoder.container(keyedBy: Key.self) {
            let keys = object.allKeys.map(\.stringValue).sorted()
            var fields: [(String, JSONShape)] = []
            for key in keys.prefix(Self.maxKeys) {
                fields.append((key, try object.decode(JSONShape.self, forKey: Key(stringValue: key))))
            }
            self = .object(fields, more: max(0, keys.count - Self.maxKeys))
        } else if var array = try? decoder.unkeyedContainer() {
            var kinds = Set<String>()
            while !array.isAtEnd {
                kinds.insert(try array.decode(JSONShape.self).description)
            }
            self = .array(kinds.sorted())
        } else {
            let single = try decoder.singleValueContainer()
            if single.decodeNil() {
                self = .null
            } else if (try? single.decode(Bool.self)) != nil {
                self = .bool
            } else if (try? single.decode(Double.self)) != nil {
                self = .number
            } else {
                _ = try single.decode(String.self)
                self = .string
            }
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
