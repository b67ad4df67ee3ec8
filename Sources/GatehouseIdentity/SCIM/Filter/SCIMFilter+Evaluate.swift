/// Evaluating a filter against a resource: attribute names are case-insensitive; string
/// values are compared case-insensitively unless `caseExact` says otherwise; a comparison on
/// a multi-valued attribute matches when any value matches.
extension SCIMFilter {
    /// Whether `resource` matches.
    public func matches(_ resource: SCIMJSON, caseExact: (SCIMAttributePath) -> Bool = { _ in false }) -> Bool {
        switch self {
        case .present(let path):
            return Self.values(at: path, in: resource).contains { !$0.isEmptyValue }
        case .compare(let path, let op, let literal):
            let values = Self.values(at: path, in: resource)
            let exact = caseExact(path)
            if op == .ne { return !values.contains { Self.compare($0, .eq, literal, caseExact: exact) } }
            if case .null = literal, op == .eq { return values.allSatisfy(\.isEmptyValue) }
            return values.contains { Self.compare($0, op, literal, caseExact: exact) }
        case .and(let left, let right):
            return left.matches(resource, caseExact: caseExact) && right.matches(resource, caseExact: caseExact)
        case .or(let left, let right):
            return left.matches(resource, caseExact: caseExact) || right.matches(resource, caseExact: caseExact)
        case .not(let inner):
            return !inner.matches(resource, caseExact: caseExact)
        case .valuePath(let path, let inner):
            return Self.values(at: path, in: resource).contains { element in
                inner.matches(element) { sub in
                    caseExact(SCIMAttributePath(schema: path.schema, name: path.name, subAttribute: sub.name))
                }
            }
        }
    }

    /// Every value at `path`, flattening multi-valued attributes.
    static func values(at path: SCIMAttributePath, in resource: SCIMJSON) -> [SCIMJSON] {
        var container = resource
        if let schema = path.schema, let extensionObject = resource[attribute: schema] {
            container = extensionObject
        }
        guard let top = container[attribute: path.name] else { return [] }
        let elements: [SCIMJSON] = if case .array(let items) = top { items } else { [top] }
        guard let sub = path.subAttribute else { return elements }
        return elements.flatMap { element -> [SCIMJSON] in
            guard let value = element[attribute: sub] else { return [] }
            if case .array(let items) = value { return items }
            return [value]
        }
    }

    static func compare(_ value: SCIMJSON, _ op: SCIMCompareOperator, _ literal: SCIMValue, caseExact: Bool) -> Bool {
        switch (value, literal) {
        case (.string(let text), .string(let wanted)):
            let (a, b) = caseExact ? (text, wanted) : (text.lowercased(), wanted.lowercased())
            switch op {
            case .eq: return a == b
            case .ne: return a != b
            case .co: return a.contains(b)
            case .sw: return a.hasPrefix(b)
            case .ew: return a.hasSuffix(b)
            case .gt: return a > b
            case .ge: return a >= b
            case .lt: return a < b
            case .le: return a <= b
            }
        case (.number(let number), .number(let wanted)):
            switch op {
            case .eq: return number == wanted
            case .ne: return number != wanted
            case .gt: return number > wanted
            case .ge: return number >= wanted
            case .lt: return number < wanted
            case .le: return number <= wanted
            case .co, .sw, .ew: return false
            }
        case (.bool(let flag), .bool(let wanted)):
            return op == .eq ? flag == wanted : op == .ne ? flag != wanted : false
        case (.string(let text), .bool(let wanted)):
            // Entra sends booleans as "True"/"False" strings.
            guard let flag = Bool(text.lowercased()) else { return false }
            return op == .eq ? flag == wanted : op == .ne ? flag != wanted : false
        default:
            return false
        }
    }
}

extension SCIMJSON {
    /// Null, an empty string, an empty array or an empty object: "not present" for `pr`.
    var isEmptyValue: Bool {
        switch self {
        case .null: true
        case .string(let text): text.isEmpty
        case .array(let items): items.isEmpty
        case .object(let members): members.isEmpty
        default: false
        }
    }
}
