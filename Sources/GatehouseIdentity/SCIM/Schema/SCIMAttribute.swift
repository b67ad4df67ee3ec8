/// One attribute definition of a SCIM schema (RFC 7643 §2.2 and §7): what the server accepts,
/// stores and returns, and how it compares values.
public struct SCIMAttribute: Sendable, Hashable {
    /// The attribute's data type.
    public enum Kind: String, Sendable, Hashable {
        case string, boolean, decimal, integer, dateTime, reference, complex, binary
    }

    /// Whether and when a client may set the attribute.
    public enum Mutability: String, Sendable, Hashable {
        case readOnly, readWrite, immutable, writeOnly
    }

    /// When the attribute appears in responses.
    public enum Returned: String, Sendable, Hashable {
        case always, never, request
        case byDefault = "default"
    }

    /// The attribute name, in its canonical case.
    public var name: String
    /// The data type.
    public var type: Kind
    /// Whether the value is an array.
    public var multiValued = false
    /// Whether a resource must carry it.
    public var required = false
    /// Whether string comparisons are case-sensitive.
    public var caseExact = false
    /// Who may change it.
    public var mutability = Mutability.readWrite
    /// When it is returned.
    public var returned = Returned.byDefault
    /// `none`, `server` or `global`.
    public var uniqueness = "none"
    /// A human description, published in `/Schemas`.
    public var description: String
    /// Suggested values, such as `work` and `home` for a `type`.
    public var canonicalValues: [String] = []
    /// For references: the kinds of resource referred to.
    public var referenceTypes: [String] = []
    /// For complex attributes: the sub-attributes.
    public var subAttributes: [SCIMAttribute] = []

    /// Creates a definition.
    public init(_ name: String, _ type: Kind, _ description: String) {
        self.name = name
        self.type = type
        self.description = description
    }

    /// The sub-attribute named `name`, compared case-insensitively.
    public func subAttribute(_ name: String) -> SCIMAttribute? {
        let lowered = name.lowercased()
        return subAttributes.first { $0.name.lowercased() == lowered }
    }
}

/// Builders that keep the schema tables short.
extension SCIMAttribute {
    func with(_ change: (inout SCIMAttribute) -> Void) -> SCIMAttribute {
        var copy = self
        change(&copy)
        return copy
    }

    var multi: SCIMAttribute { with { $0.multiValued = true } }
    var requiredAttribute: SCIMAttribute { with { $0.required = true } }
    var exact: SCIMAttribute { with { $0.caseExact = true } }
    var readOnly: SCIMAttribute { with { $0.mutability = .readOnly } }

    func sub(_ attributes: SCIMAttribute...) -> SCIMAttribute { with { $0.subAttributes = attributes } }
    func canonical(_ values: String...) -> SCIMAttribute { with { $0.canonicalValues = values } }
    func references(_ values: String...) -> SCIMAttribute { with { $0.referenceTypes = values } }

    static func string(_ name: String, _ description: String) -> SCIMAttribute { .init(name, .string, description) }
    static func boolean(_ name: String, _ description: String) -> SCIMAttribute { .init(name, .boolean, description) }

    /// The usual sub-attributes of a multi-valued attribute (RFC 7643 §2.4).
    static func plural(
        _ name: String, _ description: String, value: SCIMAttribute? = nil, types: [String]
    ) -> SCIMAttribute {
        SCIMAttribute(name, .complex, description).multi.with {
            $0.subAttributes = [
                value ?? .string("value", "The value."),
                .string("display", "A human-readable name, primarily used for display purposes."),
                SCIMAttribute.string("type", "A label indicating the attribute's function.").with {
                    $0.canonicalValues = types
                },
                .boolean("primary", "Whether this is the preferred value; at most one value is primary."),
            ]
        }
    }
}
