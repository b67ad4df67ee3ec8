/// A SCIM schema (RFC 7643 §7): its URN and attribute definitions.
public struct SCIMSchema: Sendable, Hashable {
    /// The schema URN.
    public var id: String
    /// A short name.
    public var name: String
    /// What the schema describes.
    public var description: String
    /// Its attributes (common attributes such as `id` and `meta` are not listed here).
    public var attributes: [SCIMAttribute]

    /// The attribute named `name`, compared case-insensitively.
    public func attribute(_ name: String) -> SCIMAttribute? {
        let lowered = name.lowercased()
        return attributes.first { $0.name.lowercased() == lowered }
    }
}

/// The URNs Gatehouse speaks.
public enum SCIMURN {
    public static let user = "urn:ietf:params:scim:schemas:core:2.0:User"
    public static let group = "urn:ietf:params:scim:schemas:core:2.0:Group"
    public static let enterpriseUser = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
    public static let listResponse = "urn:ietf:params:scim:api:messages:2.0:ListResponse"
    public static let patchOp = "urn:ietf:params:scim:api:messages:2.0:PatchOp"
    public static let error = "urn:ietf:params:scim:api:messages:2.0:Error"
    public static let bulkRequest = "urn:ietf:params:scim:api:messages:2.0:BulkRequest"
    public static let bulkResponse = "urn:ietf:params:scim:api:messages:2.0:BulkResponse"
    public static let searchRequest = "urn:ietf:params:scim:api:messages:2.0:SearchRequest"
    public static let serviceProviderConfig = "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"
    public static let resourceType = "urn:ietf:params:scim:schemas:core:2.0:ResourceType"
    public static let schema = "urn:ietf:params:scim:schemas:core:2.0:Schema"
}
