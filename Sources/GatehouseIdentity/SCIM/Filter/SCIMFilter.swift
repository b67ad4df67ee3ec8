public import GatehouseCore

/// A parsed SCIM filter (RFC 7644 §3.4.2.2): comparisons, presence, `and`/`or`/`not`,
/// grouping and value paths such as `emails[type eq "work"]`.
public indirect enum SCIMFilter: Sendable, Hashable {
    /// `attr pr`.
    case present(SCIMAttributePath)
    /// `attr op value`.
    case compare(SCIMAttributePath, SCIMCompareOperator, SCIMValue)
    /// `a and b`.
    case and(SCIMFilter, SCIMFilter)
    /// `a or b`.
    case or(SCIMFilter, SCIMFilter)
    /// `not (a)`.
    case not(SCIMFilter)
    /// `attr[filter]`: some value of a multi-valued complex attribute matches `filter`.
    case valuePath(SCIMAttributePath, SCIMFilter)
}

/// `[schema-URI ":"] name ["." subAttribute]`. Names compare case-insensitively.
public struct SCIMAttributePath: Sendable, Hashable, CustomStringConvertible {
    /// The schema URI, when the path is fully qualified.
    public var schema: String?
    /// The attribute name.
    public var name: String
    /// The sub-attribute name, if any.
    public var subAttribute: String?

    /// Creates a path.
    public init(schema: String? = nil, name: String, subAttribute: String? = nil) {
        self.schema = schema
        self.name = name
        self.subAttribute = subAttribute
    }

    /// The path as written in a filter.
    public var description: String {
        (schema.map { $0 + ":" } ?? "") + name + (subAttribute.map { "." + $0 } ?? "")
    }
}

/// The comparison operators; written case-insensitively in filters.
public enum SCIMCompareOperator: String, Sendable, Hashable, CaseIterable {
    case eq, ne, co, sw, ew, gt, lt, ge, le
}

/// A literal in a filter.
public enum SCIMValue: Sendable, Hashable {
    case string(String)
    case number(Double)
    case bool(Bool)
    case null
}

extension GatehouseError.Code {
    /// A SCIM filter that does not parse or exceeds the limits (SCIM `invalidFilter`).
    public static let invalidFilter = GatehouseError.Code(rawValue: "invalid_filter")
}
