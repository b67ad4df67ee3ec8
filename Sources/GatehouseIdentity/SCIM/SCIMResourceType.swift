/// A kind of SCIM resource: its endpoint, core schema and extensions.
public struct SCIMResourceType: Sendable, Hashable {
    /// `User` or `Group`.
    public var name: String
    /// `/Users` or `/Groups`.
    public var endpoint: String
    /// The core schema.
    public var schema: SCIMSchema
    /// The extension schemas it may carry.
    public var extensions: [SCIMSchema]

    /// Users, with the enterprise extension.
    public static let user = SCIMResourceType(
        name: "User", endpoint: "/Users", schema: .user, extensions: [.enterpriseUser])
    /// Groups.
    public static let group = SCIMResourceType(name: "Group", endpoint: "/Groups", schema: .group, extensions: [])

    /// The extension whose URN is `urn`, compared case-insensitively.
    public func extensionSchema(_ urn: String) -> SCIMSchema? {
        let lowered = urn.lowercased()
        return extensions.first { $0.id.lowercased() == lowered }
    }

    /// The definition `path` names: a common attribute, a core one, or one of an extension.
    /// Nil when the resource has no such attribute.
    public func resolve(_ path: SCIMAttributePath) -> ResolvedAttribute? {
        var schemaURN: String?
        var attribute: SCIMAttribute?
        if let urn = path.schema, urn.lowercased() != schema.id.lowercased() {
            guard let extensionSchema = extensionSchema(urn) else { return nil }
            schemaURN = extensionSchema.id
            attribute = extensionSchema.attribute(path.name)
        } else {
            let lowered = path.name.lowercased()
            attribute = schema.attribute(path.name) ?? SCIMSchema.common.first { $0.name.lowercased() == lowered }
        }
        guard let attribute else { return nil }
        guard let subName = path.subAttribute else {
            return ResolvedAttribute(extensionURN: schemaURN, attribute: attribute, subAttribute: nil)
        }
        guard let sub = attribute.subAttribute(subName) else { return nil }
        return ResolvedAttribute(extensionURN: schemaURN, attribute: attribute, subAttribute: sub)
    }

    /// Whether string comparisons on `path` are case-sensitive; unknown paths are not.
    public func caseExact(_ path: SCIMAttributePath) -> Bool {
        guard let resolved = resolve(path) else { return false }
        return (resolved.subAttribute ?? resolved.attribute).caseExact
    }
}

/// An attribute path resolved against a resource type's schemas.
public struct ResolvedAttribute: Sendable, Hashable {
    /// The extension URN holding it; nil for core and common attributes.
    public var extensionURN: String?
    /// The top-level attribute.
    public var attribute: SCIMAttribute
    /// The sub-attribute, when the path names one.
    public var subAttribute: SCIMAttribute?

    /// The attribute the path ends at.
    public var target: SCIMAttribute { subAttribute ?? attribute }
}
