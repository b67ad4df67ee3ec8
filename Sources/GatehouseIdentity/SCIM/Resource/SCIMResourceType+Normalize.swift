public import GatehouseCore

/// Turning what a client sent into the stored form: attribute names in their canonical case,
/// values of the declared types (Entra's "True"/"False" strings become booleans), read-only
/// attributes and the write-only password dropped, unknown attributes refused by name.
extension SCIMResourceType {
    /// The storable document for a full resource (POST or PUT body, or a patched resource):
    /// without `schemas`, `id`, `meta` and read-only attributes.
    public func normalize(_ body: SCIMJSON) throws(GatehouseError) -> [String: SCIMJSON] {
        guard case .object(let members) = body else {
            throw GatehouseError(.invalidSyntax, "the \(name) must be a JSON object")
        }
        var out: [String: SCIMJSON] = [:]
        for (key, value) in members {
            let lowered = key.lowercased()
            if ["schemas", "id", "meta"].contains(lowered) { continue }
            if let extensionSchema = extensionSchema(key) {
                guard case .object(let inner) = value else {
                    if case .null = value { continue }
                    throw GatehouseError(.invalidValue, "\(extensionSchema.id) must be a JSON object")
                }
                var normalized: [String: SCIMJSON] = [:]
                for (innerKey, innerValue) in inner where innerKey.lowercased() != "schemas" {
                    guard let attribute = extensionSchema.attribute(innerKey) else {
                        throw GatehouseError(.invalidValue, "unknown attribute \"\(extensionSchema.id):\(innerKey)\"")
                    }
                    if let stored = try Self.storable(innerValue, as: attribute, path: attribute.name) {
                        normalized[attribute.name] = stored
                    }
                }
                if !normalized.isEmpty { out[extensionSchema.id] = .object(normalized) }
                continue
            }
            if lowered.hasPrefix("urn:") {
                throw GatehouseError(.invalidValue, "unsupported schema extension \"\(key.prefix(120))\"")
            }
            let attribute = schema.attribute(key) ?? SCIMSchema.common.first { $0.name.lowercased() == lowered }
            guard let attribute else {
                throw GatehouseError(.invalidValue, "unknown attribute \"\(key.prefix(120))\" for a \(name)")
            }
            if let stored = try Self.storable(value, as: attribute, path: attribute.name) {
                out[attribute.name] = stored
            }
        }
        for attribute in schema.attributes where attribute.required && attribute.mutability != .readOnly {
            guard let value = out[attribute.name], !value.isEmptyValue else {
                throw GatehouseError(.invalidValue, "\(attribute.name) is required")
            }
        }
        return out
    }

    /// The stored form of one value, or nil when it is not stored (read-only, write-only,
    /// null or empty).
    static func storable(_ value: SCIMJSON, as attribute: SCIMAttribute, path: String) throws(GatehouseError)
        -> SCIMJSON?
    {
        if attribute.mutability == .readOnly || attribute.mutability == .writeOnly { return nil }
        if value.isEmptyValue { return nil }
        guard attribute.multiValued else { return try single(value, as: attribute, path: path) }
        guard case .array(let items) = value else {
            throw GatehouseError(.invalidValue, "\(path) must be an array")
        }
        var out: [SCIMJSON] = []
        for item in items {
            if let stored = try single(item, as: attribute, path: path) { out.append(stored) }
        }
        let primaries = out.filter { $0[attribute: "primary"] == .bool(true) }.count
        guard primaries <= 1 else {
            throw GatehouseError(.invalidValue, "at most one of \(path) may be primary")
        }
        return out.isEmpty ? nil : .array(out)
    }

    static func single(_ value: SCIMJSON, as attribute: SCIMAttribute, path: String) throws(GatehouseError)
        -> SCIMJSON?
    {
        if value.isEmptyValue { return nil }
        switch attribute.type {
        case .complex:
            guard case .object(let members) = value else {
                throw GatehouseError(.invalidValue, "\(path) must be a JSON object")
            }
            var out: [String: SCIMJSON] = [:]
            for (key, member) in members {
                guard let sub = attribute.subAttribute(key) else {
                    throw GatehouseError(.invalidValue, "unknown attribute \"\(path).\(key.prefix(60))\"")
                }
                if sub.mutability == .readOnly { continue }
                if let stored = try single(member, as: sub, path: "\(path).\(sub.name)") {
                    out[sub.name] = stored
                }
            }
            return out.isEmpty ? nil : .object(out)
        case .boolean:
            switch value {
            case .bool: return value
            case .string(let text) where ["true", "false"].contains(text.lowercased()):
                return .bool(text.lowercased() == "true")
            default: throw GatehouseError(.invalidValue, "\(path) must be a boolean")
            }
        case .integer, .decimal:
            guard case .number(let number) = value else {
                throw GatehouseError(.invalidValue, "\(path) must be a number")
            }
            if attribute.type == .integer, number.rounded() != number {
                throw GatehouseError(.invalidValue, "\(path) must be an integer")
            }
            return value
        case .string, .reference, .binary, .dateTime:
            guard case .string(let text) = value else {
                throw GatehouseError(.invalidValue, "\(path) must be a string")
            }
            guard text.utf8.count <= SCIMLimits.maxStringBytes else {
                throw GatehouseError(.invalidValue, "\(path) is longer than \(SCIMLimits.maxStringBytes) bytes")
            }
            return value
        }
    }
}

/// Bounds on what one request may carry.
public enum SCIMLimits {
    /// The longest string value accepted.
    public static let maxStringBytes = 16_384
    /// The largest request body.
    public static let maxBodyBytes = 1 << 20
    /// The most operations in one PATCH.
    public static let maxPatchOperations = 1_000
    /// The most operations in one bulk request.
    public static let maxBulkOperations = 1_000
    /// The largest page.
    public static let maxResults = 1_000
    /// The page size when the client names none.
    public static let defaultCount = 1_000
}
