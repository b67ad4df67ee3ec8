/// A SCIM resource as JSON, the form filters are evaluated against.
public indirect enum SCIMJSON: Sendable, Hashable, Codable {
    case object([String: SCIMJSON])
    case array([SCIMJSON])
    case string(String)
    case number(Double)
    case bool(Bool)
    case null

    /// Decodes any JSON value.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([SCIMJSON].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: SCIMJSON].self))
        }
    }

    /// Encodes as JSON.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .object(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .bool(let value): try container.encode(value)
        case .null: try container.encodeNil()
        }
    }

    /// The member named `name`, compared case-insensitively as SCIM requires.
    public subscript(attribute name: String) -> SCIMJSON? {
        guard case .object(let members) = self else { return nil }
        if let exact = members[name] { return exact }
        let lowered = name.lowercased()
        return members.first { $0.key.lowercased() == lowered }?.value
    }
}
