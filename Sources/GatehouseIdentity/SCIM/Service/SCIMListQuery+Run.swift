/// Filtering, sorting and paging rendered resources.
extension SCIMListQuery {
    /// The ListResponse for `resources` (full renderings), after filter, sort, page and projection.
    public func run(_ resources: [[String: SCIMJSON]], type: SCIMResourceType) -> SCIMJSON {
        run(resources.map { ($0, type) })
    }

    /// The ListResponse for resources of several types (the root `/.search`).
    public func run(_ resources: [([String: SCIMJSON], SCIMResourceType)]) -> SCIMJSON {
        var matching = resources
        if let filter {
            matching = matching.filter { resource, type in filter.matches(.object(resource), caseExact: type.caseExact)
            }
        }
        if let sortBy {
            let keyed = matching.map { item in (Self.sortKey(item.0, sortBy, exact: item.1.caseExact(sortBy)), item) }
            matching = keyed.sorted { a, b in
                switch (a.0, b.0) {
                case (nil, _): return false
                case (_, nil): return true
                case (let left?, let right?): return descending ? right < left : left < right
                }
            }.map(\.1)
        }
        let start = min(startIndex - 1, matching.count)
        let page = matching[start..<min(start + count, matching.count)]
        return .object([
            "schemas": .array([.string(SCIMURN.listResponse)]),
            "totalResults": .number(Double(matching.count)),
            "itemsPerPage": .number(Double(page.count)),
            "startIndex": .number(Double(startIndex)),
            "Resources": .array(page.map { resource, type in .object(projection.apply(resource, type: type)) }),
        ])
    }

    /// The value to sort on: for a multi-valued attribute, its primary value, else its first.
    static func sortKey(_ resource: [String: SCIMJSON], _ path: SCIMAttributePath, exact: Bool) -> SortKey? {
        var container = SCIMJSON.object(resource)
        if let schema = path.schema, let inner = resource.first(where: { $0.key.lowercased() == schema.lowercased() }) {
            container = inner.value
        }
        guard var value = container[attribute: path.name] else { return nil }
        if case .array(let items) = value {
            guard let chosen = items.first(where: { $0[attribute: "primary"] == .bool(true) }) ?? items.first else {
                return nil
            }
            value = chosen
        }
        if let sub = path.subAttribute {
            guard let inner = value[attribute: sub] else { return nil }
            value = inner
        }
        switch value {
        case .string(let text): return .text(exact ? text : text.lowercased())
        case .number(let number): return .number(number)
        case .bool(let flag): return .number(flag ? 1 : 0)
        default: return nil
        }
    }

    /// A comparable sort value.
    enum SortKey: Comparable {
        case number(Double)
        case text(String)
    }
}
