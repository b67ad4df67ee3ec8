import Foundation
public import GatehouseCore

/// The target of a PATCH operation (RFC 7644 §3.5.2): `attr`, `attr.sub`,
/// `attr[filter]` or `attr[filter].sub`, each optionally prefixed by a schema URN.
public struct SCIMPatchPath: Sendable, Hashable {
    /// The attribute, possibly with a sub-attribute.
    public var attribute: SCIMAttributePath
    /// The value filter selecting elements of a multi-valued attribute.
    public var filter: SCIMFilter?
    /// The sub-attribute after a value filter.
    public var subAttribute: String?

    /// Parses `text`; names are checked against `type` by the caller.
    public static func parse(_ text: String, type: SCIMResourceType) throws(GatehouseError) -> SCIMPatchPath {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed.utf8.count <= 4_096 else {
            throw GatehouseError(.invalidPath, "the path is empty or too long")
        }
        // A path that is an extension's URN names the whole extension object.
        if let extensionSchema = type.extensionSchema(trimmed) {
            return SCIMPatchPath(attribute: SCIMAttributePath(schema: extensionSchema.id, name: ""))
        }
        guard let open = trimmed.firstIndex(of: "[") else {
            return SCIMPatchPath(attribute: try SCIMAttributePath.parse(trimmed))
        }
        guard let close = trimmed.lastIndex(of: "]"), close > open else {
            throw GatehouseError(.invalidPath, "the path \"\(trimmed.prefix(120))\" has an unclosed \"[\"")
        }
        let attribute = try SCIMAttributePath.parse(String(trimmed[..<open]))
        guard attribute.subAttribute == nil else {
            throw GatehouseError(.invalidPath, "a value filter applies to an attribute, not a sub-attribute")
        }
        let filter: SCIMFilter
        do {
            filter = try SCIMFilterParser.parse(String(trimmed[trimmed.index(after: open)..<close]))
        } catch {
            throw GatehouseError(.invalidPath, "the path's value filter is invalid: \(error.message)")
        }
        let rest = trimmed[trimmed.index(after: close)...]
        var sub: String?
        if !rest.isEmpty {
            guard rest.hasPrefix("."), SCIMFilterParser.isAttributeName(rest.dropFirst()) else {
                throw GatehouseError(.invalidPath, "unexpected \"\(rest.prefix(60))\" after the value filter")
            }
            sub = String(rest.dropFirst())
        }
        return SCIMPatchPath(attribute: attribute, filter: filter, subAttribute: sub)
    }
}

extension SCIMAttributePath {
    /// Parses `[urn:]name[.sub]`, as in `attributes` lists and PATCH paths.
    public static func parse(_ text: String) throws(GatehouseError) -> SCIMAttributePath {
        do {
            return try SCIMFilterParser.attributePath(text, offset: 0)
        } catch {
            throw GatehouseError(.invalidPath, "invalid attribute path \"\(text.prefix(120))\"")
        }
    }
}
