import Foundation
public import GatehouseCore

/// A list or search request (RFC 7644 §3.4.2 and §3.4.3).
public struct SCIMListQuery: Sendable, Hashable {
    /// The filter, if any.
    public var filter: SCIMFilter?
    /// The attribute to sort by.
    public var sortBy: SCIMAttributePath?
    /// Descending instead of ascending.
    public var descending = false
    /// 1-based index of the first result.
    public var startIndex = 1
    /// Most results on the page.
    public var count = SCIMLimits.defaultCount
    /// Which attributes to return.
    public var projection = SCIMProjection()

    /// Creates the default query.
    public init() {}

    /// Parses the query parameters of `GET /Users` or `GET /Groups`.
    public init(parameters: [String: String], type: SCIMResourceType) throws(GatehouseError) {
        func value(_ name: String) -> String? {
            parameters.first { $0.key.lowercased() == name.lowercased() }?.value
        }
        try self.init(
            filter: value("filter"), sortBy: value("sortBy"), sortOrder: value("sortOrder"),
            startIndex: try value("startIndex").map { text throws(GatehouseError) in
                try Self.integer(text, "startIndex")
            },
            count: try value("count").map { text throws(GatehouseError) in try Self.integer(text, "count") },
            attributes: value("attributes"), excluded: value("excludedAttributes"), type: type)
    }

    /// Parses a root `POST /.search` body: every attribute it names must belong to some
    /// resource type.
    public init(search body: SCIMJSON, types: [SCIMResourceType]) throws(GatehouseError) {
        var first: GatehouseError?
        for type in types {
            do {
                try self.init(search: body, type: type)
                return
            } catch {
                first = first ?? error
            }
        }
        throw first ?? GatehouseError(.invalidValue, "no resource types to search")
    }

    /// Parses a `POST /.search` body.
    public init(search body: SCIMJSON, type: SCIMResourceType) throws(GatehouseError) {
        guard case .object = body else { throw GatehouseError(.invalidSyntax, "the search body must be a JSON object") }
        func text(_ name: String) throws(GatehouseError) -> String? {
            switch body[attribute: name] {
            case nil, .null?: return nil
            case .string(let value)?: return value
            case .array(let items)?:
                var names: [String] = []
                for item in items {
                    guard case .string(let value) = item else {
                        throw GatehouseError(.invalidValue, "\(name) must list attribute names")
                    }
                    names.append(value)
                }
                return names.joined(separator: ",")
            default: throw GatehouseError(.invalidValue, "\(name) has the wrong type")
            }
        }
        func number(_ name: String) throws(GatehouseError) -> Int? {
            switch body[attribute: name] {
            case nil, .null?: return nil
            case .number(let value)? where value.rounded() == value && abs(value) < 1e9: return Int(value)
            default: throw GatehouseError(.invalidValue, "\(name) must be an integer")
            }
        }
        try self.init(
            filter: try text("filter"), sortBy: try text("sortBy"), sortOrder: try text("sortOrder"),
            startIndex: try number("startIndex"), count: try number("count"), attributes: try text("attributes"),
            excluded: try text("excludedAttributes"), type: type)
    }

    private init(
        filter: String?, sortBy: String?, sortOrder: String?, startIndex: Int?, count: Int?, attributes: String?,
        excluded: String?, type: SCIMResourceType
    ) throws(GatehouseError) {
        if let filter {
            let parsed = try SCIMFilterParser.parse(filter)
            try Self.check(parsed, type: type)
            self.filter = parsed
        }
        if let sortBy, !sortBy.isEmpty {
            let path = try SCIMAttributePath.parse(sortBy)
            guard type.resolve(path) != nil else {
                throw GatehouseError(.invalidValue, "cannot sort by unknown attribute \"\(sortBy.prefix(120))\"")
            }
            self.sortBy = path
        }
        switch sortOrder?.lowercased() {
        case nil, "", "ascending": descending = false
        case "descending": descending = true
        default: throw GatehouseError(.invalidValue, "sortOrder must be ascending or descending")
        }
        self.startIndex = max(1, startIndex ?? 1)
        self.count = min(max(0, count ?? SCIMLimits.defaultCount), SCIMLimits.maxResults)
        projection = try SCIMProjection(attributes: attributes, excluded: excluded, type: type)
    }

    static func integer(_ text: String, _ name: String) throws(GatehouseError) -> Int {
        guard let value = Int(text.trimmingCharacters(in: .whitespaces)), abs(value) < 1_000_000_000 else {
            throw GatehouseError(.invalidValue, "\(name) must be an integer")
        }
        return value
    }

    /// Every attribute a filter names must exist on the resource type.
    static func check(_ filter: SCIMFilter, type: SCIMResourceType) throws(GatehouseError) {
        func known(_ path: SCIMAttributePath) throws(GatehouseError) {
            guard type.resolve(path) != nil else {
                throw GatehouseError(
                    .invalidFilter, "the filter names unknown attribute \"\(path.description.prefix(120))\"")
            }
        }
        switch filter {
        case .present(let path), .compare(let path, _, _): try known(path)
        case .and(let left, let right), .or(let left, let right):
            try check(left, type: type)
            try check(right, type: type)
        case .not(let inner): try check(inner, type: type)
        case .valuePath(let path, let inner):
            try known(path)
            var leaves: [SCIMAttributePath] = []
            inner.collectPaths(into: &leaves)
            for leaf in leaves {
                try known(SCIMAttributePath(schema: path.schema, name: path.name, subAttribute: leaf.name))
            }
        }
    }
}

extension SCIMFilter {
    func collectPaths(into paths: inout [SCIMAttributePath]) {
        switch self {
        case .present(let path), .compare(let path, _, _): paths.append(path)
        case .and(let left, let right), .or(let left, let right):
            left.collectPaths(into: &paths)
            right.collectPaths(into: &paths)
        case .not(let inner): inner.collectPaths(into: &paths)
        case .valuePath(let path, _): paths.append(path)
        }
    }

    /// The value an `eq` on `name` (case-insensitive, top level or under `and`) requires, so a
    /// list can start from an index instead of the whole directory.
    func equalityHint(for name: String) -> String? {
        switch self {
        case .compare(let path, .eq, .string(let value))
        where path.subAttribute == nil && path.name.lowercased() == name.lowercased():
            return value
        case .and(let left, let right):
            return left.equalityHint(for: name) ?? right.equalityHint(for: name)
        default:
            return nil
        }
    }
}
