extension SCIMSchema {
    /// The core User schema (RFC 7643 §4.1).
    public static let user = SCIMSchema(
        id: SCIMURN.user, name: "User", description: "User Account",
        attributes: [
            SCIMAttribute.string("userName", "Unique identifier for the User, used to sign in.").requiredAttribute
                .with { $0.uniqueness = "server" },
            SCIMAttribute("name", .complex, "The components of the user's real name.").sub(
                .string("formatted", "The full name, formatted for display."),
                .string("familyName", "The family name."),
                .string("givenName", "The given name."),
                .string("middleName", "The middle name(s)."),
                .string("honorificPrefix", "The honorific prefix(es), such as Ms."),
                .string("honorificSuffix", "The honorific suffix(es), such as III.")),
            .string("displayName", "The name of the User, suitable for display to end-users."),
            .string("nickName", "The casual way to address the user."),
            SCIMAttribute("profileUrl", .reference, "A URL of the User's online profile.").references("external"),
            .string("title", "The user's title, such as Vice President."),
            .string("userType", "The relationship between the organization and the user."),
            .string("preferredLanguage", "The User's preferred written or spoken language."),
            .string("locale", "The User's default location, for localizing."),
            .string("timezone", "The User's time zone in the IANA database format."),
            .boolean("active", "The User's administrative status; false denies all access."),
            SCIMAttribute.string("password", "The User's cleartext password; never stored nor returned by Gatehouse.")
                .with {
                    $0.mutability = .writeOnly
                    $0.returned = .never
                },
            .plural("emails", "Email addresses for the user.", types: ["work", "home", "other"]),
            .plural(
                "phoneNumbers", "Phone numbers for the User.",
                types: ["work", "home", "mobile", "fax", "pager", "other"]),
            .plural(
                "ims", "Instant messaging addresses for the User.",
                types: ["aim", "gtalk", "icq", "xmpp", "msn", "skype", "qq", "yahoo"]),
            .plural(
                "photos", "URLs of photos of the User.",
                value: SCIMAttribute("value", .reference, "URL of a photo of the User.").references("external"),
                types: ["photo", "thumbnail"]),
            SCIMAttribute("addresses", .complex, "A physical mailing address for this User.").multi.sub(
                .string("formatted", "The full mailing address, formatted for display."),
                .string("streetAddress", "The full street address component."),
                .string("locality", "The city or locality component."),
                .string("region", "The state or region component."),
                .string("postalCode", "The zip code or postal code component."),
                .string("country", "The country name component."),
                SCIMAttribute.string("type", "A label indicating the attribute's function.").canonical(
                    "work", "home", "other"),
                .boolean("primary", "Whether this is the preferred mailing address.")),
            SCIMAttribute("groups", .complex, "The groups the user belongs to; managed through the Group resource.")
                .multi.readOnly.sub(
                    SCIMAttribute.string("value", "The identifier of the User's group.").readOnly,
                    SCIMAttribute("$ref", .reference, "The URI of the group.").references("Group").readOnly,
                    SCIMAttribute.string("display", "The group's display name.").readOnly,
                    SCIMAttribute.string("type", "How the membership was derived.").canonical("direct", "indirect")
                        .readOnly),
            .plural("entitlements", "A list of entitlements for the User.", types: []),
            .plural("roles", "A list of roles for the User.", types: []),
            .plural(
                "x509Certificates", "A list of certificates issued to the User.",
                value: SCIMAttribute("value", .binary, "The value of an X.509 certificate.").exact, types: []),
        ])

    /// The enterprise User extension (RFC 7643 §4.3).
    public static let enterpriseUser = SCIMSchema(
        id: SCIMURN.enterpriseUser, name: "EnterpriseUser", description: "Enterprise User",
        attributes: [
            .string("employeeNumber", "Numeric or alphanumeric identifier assigned to a person."),
            .string("costCenter", "Identifies the name of a cost center."),
            .string("organization", "Identifies the name of an organization."),
            .string("division", "Identifies the name of a division."),
            .string("department", "Identifies the name of a department."),
            SCIMAttribute("manager", .complex, "The User's manager.").sub(
                SCIMAttribute.string("value", "The id of the SCIM resource representing the manager."),
                SCIMAttribute("$ref", .reference, "The URI of the manager's resource.").references("User"),
                SCIMAttribute.string("displayName", "The displayName of the User's manager.").readOnly),
        ])

    /// The core Group schema (RFC 7643 §4.2). Its `displayName` is the name policy rules use.
    public static let group = SCIMSchema(
        id: SCIMURN.group, name: "Group", description: "Group",
        attributes: [
            SCIMAttribute.string("displayName", "A human-readable name for the Group; policy rules use it.")
                .requiredAttribute,
            SCIMAttribute("members", .complex, "A list of members of the Group.").multi.sub(
                SCIMAttribute.string("value", "Identifier of the member of this Group.").with {
                    $0.mutability = .immutable
                },
                SCIMAttribute("$ref", .reference, "The URI of the member.").references("User", "Group").with {
                    $0.mutability = .immutable
                },
                SCIMAttribute.string("display", "The member's display name.").readOnly,
                SCIMAttribute.string("type", "The kind of member.").canonical("User", "Group").with {
                    $0.mutability = .immutable
                }),
        ])

    /// The attributes every resource has (RFC 7643 §3.1), used to check filters and paths.
    public static let common: [SCIMAttribute] = [
        SCIMAttribute.string("id", "Unique identifier assigned by Gatehouse.").exact.readOnly.with {
            $0.returned = .always
            $0.uniqueness = "server"
        },
        SCIMAttribute.string("externalId", "Identifier assigned by the provisioning client.").exact,
        SCIMAttribute("meta", .complex, "Resource metadata.").readOnly.sub(
            SCIMAttribute.string("resourceType", "The resource type.").exact.readOnly,
            SCIMAttribute("created", .dateTime, "When the resource was added.").readOnly,
            SCIMAttribute("lastModified", .dateTime, "When the resource was last changed.").readOnly,
            SCIMAttribute("location", .reference, "The URI of the resource.").exact.readOnly,
            SCIMAttribute.string("version", "The resource's version (its ETag).").exact.readOnly),
    ]
}
