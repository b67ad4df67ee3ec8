import GatehouseCore

/// One attribute of a resource being patched: read, changed, written back.
struct PatchTarget {
    let resolved: ResolvedAttribute
    /// The attribute's current value; nil when unassigned.
    var value: SCIMJSON?

    init(resolved: ResolvedAttribute, document: [String: SCIMJSON]) {
        self.resolved = resolved
        if let urn = resolved.extensionURN {
            value = document[urn]?[attribute: resolved.attribute.name]
        } else {
            value = document[resolved.attribute.name]
        }
    }

    var attribute: SCIMAttribute { resolved.attribute }

    func store(into document: inout [String: SCIMJSON]) {
        let name = attribute.name
        let stored = (value?.isEmptyValue ?? true) ? nil : value
        guard let urn = resolved.extensionURN else {
            document[name] = stored
            return
        }
        var inner: [String: SCIMJSON] = [:]
        if case .object(let members)? = document[urn] { inner = members }
        inner[name] = stored
        document[urn] = inner.isEmpty ? nil : .object(inner)
    }

    private var elements: [SCIMJSON] {
        if case .array(let items)? = value { return items }
        return value.map { [$0] } ?? []
    }

    /// `attr` as the target.
    mutating func applyWhole(_ kind: SCIMPatch.Operation.Kind, value newValue: SCIMJSON?) throws(GatehouseError) {
        switch kind {
        case .remove:
            guard attribute.multiValued, let newValue, !newValue.isEmptyValue else {
                value = nil
                return
            }
            // Entra removes members by listing them as the value.
            let doomed = Self.list(newValue)
            value = .array(elements.filter { element in !doomed.contains { Self.sameElement($0, element) } })
        case .add where attribute.multiValued:
            let incoming = Self.list(newValue ?? .null)
            var current = Self.demotingPrimaries(elements, if: incoming)
            for item in incoming where !current.contains(where: { Self.sameElement($0, item) }) { current.append(item) }
            value = .array(current)
        case .replace where attribute.multiValued:
            value = .array(Self.list(newValue ?? .null))
        case .add, .replace:
            if attribute.type == .complex, case .object(let incoming)? = newValue, case .object(var current)? = value {
                for (key, member) in incoming { current[attribute.subAttribute(key)?.name ?? key] = member }
                value = .object(current)
            } else {
                value = newValue
            }
        }
    }

    /// `attr.sub` as the target.
    mutating func applySub(
        _ kind: SCIMPatch.Operation.Kind, sub: SCIMAttribute, value newValue: SCIMJSON?
    ) throws(GatehouseError) {
        if attribute.multiValued {
            guard kind == .remove else {
                throw GatehouseError(
                    .invalidPath,
                    "\(attribute.name).\(sub.name) needs a value filter, as in \(attribute.name)[type eq \"work\"].\(sub.name)"
                )
            }
            value = .array(elements.map { Self.setting(sub.name, nil, in: $0) })
            return
        }
        value = Self.setting(sub.name, kind == .remove ? nil : newValue, in: value ?? .object([:]))
    }

    /// `attr[filter]` or `attr[filter].sub` as the target.
    mutating func applyFiltered(
        _ kind: SCIMPatch.Operation.Kind, filter: SCIMFilter, sub subName: String?, value newValue: SCIMJSON?
    ) throws(GatehouseError) {
        guard attribute.multiValued, attribute.type == .complex else {
            throw GatehouseError(.invalidPath, "\(attribute.name) is not a multi-valued complex attribute")
        }
        var sub: SCIMAttribute?
        if let subName {
            guard let found = attribute.subAttribute(subName) else {
                throw GatehouseError(.invalidPath, "unknown attribute \"\(attribute.name).\(subName.prefix(60))\"")
            }
            sub = found
        }
        let attribute = self.attribute
        let matches: (SCIMJSON) -> Bool = { element in
            filter.matches(element) { path in attribute.subAttribute(path.name)?.caseExact ?? false }
        }
        var items = elements
        let hits = items.indices.filter { matches(items[$0]) }
        switch kind {
        case .remove:
            if let sub {
                for index in hits { items[index] = Self.setting(sub.name, nil, in: items[index]) }
            } else {
                items = items.filter { !matches($0) }
            }
        case .add, .replace:
            if hits.isEmpty {
                // Entra adds `emails[type eq "work"].value` for a value that does not exist yet.
                guard let seed = Self.seed(from: filter) else {
                    throw GatehouseError(.noTarget, "no value of \(attribute.name) matches the path's filter")
                }
                let element =
                    sub.map { Self.setting($0.name, newValue, in: seed) } ?? Self.merging(newValue, into: seed)
                items.append(element)
            } else {
                for index in hits {
                    if let sub {
                        items[index] = Self.setting(sub.name, newValue, in: items[index])
                    } else {
                        items[index] = kind == .add ? Self.merging(newValue, into: items[index]) : newValue ?? .null
                    }
                }
            }
        }
        value = .array(items)
    }

    // MARK: Helpers

    static func list(_ value: SCIMJSON) -> [SCIMJSON] {
        if case .array(let items) = value { return items }
        return value.isEmptyValue ? [] : [value]
    }

    /// Two elements of a multi-valued attribute are the same when their `value`s are (or, with
    /// no `value`, when they are equal).
    static func sameElement(_ a: SCIMJSON, _ b: SCIMJSON) -> Bool {
        if let left = a[attribute: "value"], let right = b[attribute: "value"] { return left == right }
        return a == b
    }

    /// When an incoming value is primary, the existing ones stop being.
    static func demotingPrimaries(_ current: [SCIMJSON], if incoming: [SCIMJSON]) -> [SCIMJSON] {
        guard incoming.contains(where: { $0[attribute: "primary"] == .bool(true) }) else { return current }
        return current.map { setting("primary", nil, in: $0) }
    }

    static func setting(_ name: String, _ newValue: SCIMJSON?, in element: SCIMJSON) -> SCIMJSON {
        guard case .object(var members) = element else { return element }
        if let existing = members.keys.first(where: { $0.lowercased() == name.lowercased() }) {
            members[existing] = nil
        }
        if let newValue, !newValue.isEmptyValue { members[name] = newValue }
        return .object(members)
    }

    static func merging(_ newValue: SCIMJSON?, into element: SCIMJSON) -> SCIMJSON {
        guard case .object(let incoming)? = newValue else { return newValue ?? element }
        var result = element
        for (key, member) in incoming { result = setting(key, member, in: result) }
        return result
    }

    /// The element a filter of `eq` comparisons joined by `and` describes, such as
    /// `{"type": "work"}` for `type eq "work"`; nil for any other filter.
    static func seed(from filter: SCIMFilter) -> SCIMJSON? {
        switch filter {
        case .compare(let path, .eq, let literal) where path.subAttribute == nil:
            let value: SCIMJSON =
                switch literal {
                case .string(let text): .string(text)
                case .number(let number): .number(number)
                case .bool(let flag): .bool(flag)
                case .null: .null
                }
            return .object([path.name: value])
        case .and(let left, let right):
            guard case .object(let a)? = seed(from: left), case .object(let b)? = seed(from: right) else { return nil }
            return .object(a.merging(b) { first, _ in first })
        default:
            return nil
        }
    }
}
