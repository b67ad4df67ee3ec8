/// The discovery endpoints (RFC 7644 §4): what this service provider supports, its resource
/// types and its schemas, as JSON.
public enum SCIMDiscovery {
    /// The resource types served.
    public static let resourceTypes: [SCIMResourceType] = [.user, .group]

    /// Every schema published at `/Schemas`.
    public static var schemas: [SCIMSchema] { [.user, .enterpriseUser, .group] }

    /// `/ServiceProviderConfig`.
    public static func serviceProviderConfig(base: String) -> SCIMJSON {
        func supported(_ flag: Bool) -> SCIMJSON { .object(["supported": .bool(flag)]) }
        return .object([
            "schemas": .array([.string(SCIMURN.serviceProviderConfig)]),
            "patch": supported(true),
            "bulk": .object([
                "supported": .bool(true), "maxOperations": .number(Double(SCIMLimits.maxBulkOperations)),
                "maxPayloadSize": .number(Double(SCIMLimits.maxBodyBytes)),
            ]),
            "filter": .object(["supported": .bool(true), "maxResults": .number(Double(SCIMLimits.maxResults))]),
            "changePassword": supported(false),
            "sort": supported(true),
            "etag": supported(true),
            "authenticationSchemes": .array([
                .object([
                    "type": .string("oauthbearertoken"), "name": .string("Bearer token"),
                    "description": .string("The SCIM token configured at identity.scim.token."),
                    "primary": .bool(true),
                ])
            ]),
            "meta": .object([
                "resourceType": .string("ServiceProviderConfig"),
                "location": .string(base + "/ServiceProviderConfig"),
            ]),
        ])
    }

    /// One resource type's description.
    public static func resourceType(_ type: SCIMResourceType, base: String) -> SCIMJSON {
        .object([
            "schemas": .array([.string(SCIMURN.resourceType)]),
            "id": .string(type.name),
            "name": .string(type.name),
            "endpoint": .string(type.endpoint),
            "description": .string(type.schema.description),
            "schema": .string(type.schema.id),
            "schemaExtensions": .array(
                type.extensions.map { .object(["schema": .string($0.id), "required": .bool(false)]) }),
            "meta": .object([
                "resourceType": .string("ResourceType"), "location": .string(base + "/ResourceTypes/" + type.name),
            ]),
        ])
    }

    /// One schema's description (RFC 7643 §7).
    public static func schema(_ schema: SCIMSchema, base: String) -> SCIMJSON {
        .object([
            "schemas": .array([.string(SCIMURN.schema)]),
            "id": .string(schema.id),
            "name": .string(schema.name),
            "description": .string(schema.description),
            "attributes": .array(schema.attributes.map(attribute)),
            "meta": .object(["resourceType": .string("Schema"), "location": .string(base + "/Schemas/" + schema.id)]),
        ])
    }

    static func attribute(_ attribute: SCIMAttribute) -> SCIMJSON {
        var out: [String: SCIMJSON] = [
            "name": .string(attribute.name),
            "type": .string(attribute.type.rawValue),
            "multiValued": .bool(attribute.multiValued),
            "description": .string(attribute.description),
            "required": .bool(attribute.required),
            "caseExact": .bool(attribute.caseExact),
            "mutability": .string(attribute.mutability.rawValue),
            "returned": .string(attribute.returned.rawValue),
            "uniqueness": .string(attribute.uniqueness),
        ]
        if !attribute.canonicalValues.isEmpty {
            out["canonicalValues"] = .array(attribute.canonicalValues.map(SCIMJSON.string))
        }
        if !attribute.referenceTypes.isEmpty {
            out["referenceTypes"] = .array(attribute.referenceTypes.map(SCIMJSON.string))
        }
        if !attribute.subAttributes.isEmpty {
            out["subAttributes"] = .array(attribute.subAttributes.map(Self.attribute))
        }
        return out.isEmpty ? .null : .object(out)
    }

    /// A ListResponse of every item (discovery lists are not paged).
    public static func list(_ items: [SCIMJSON]) -> SCIMJSON {
        .object([
            "schemas": .array([.string(SCIMURN.listResponse)]),
            "totalResults": .number(Double(items.count)),
            "itemsPerPage": .number(Double(items.count)),
            "startIndex": .number(1),
            "Resources": .array(items),
        ])
    }
}
