import GatehouseCore
import Yams

/// The keys of one mapping, checked against the keys it may hold.
struct CatalogFields {
    /// The mapping itself.
    let owner: CatalogNode
    private let values: [String: CatalogNode]

    /// Reads `owner` as a mapping whose keys are all in `known`; throws at the first other key.
    init(_ owner: CatalogNode, known: [String]) throws(CatalogError) {
        self.owner = owner
        var values: [String: CatalogNode] = [:]
        for entry in try owner.entries() {
            guard known.contains(entry.name) else {
                throw CatalogError(
                    file: owner.file, line: entry.key.line, path: owner.path,
                    message: "unknown key \(ConfigEcho.quoted(entry.name)) (expected \(known.joined(separator: ", ")))"
                )
            }
            values[entry.name] = entry.value
        }
        self.values = values
    }

    /// The value of a key; nil when absent or null (`key:` / `key: ~`).
    subscript(_ name: String) -> CatalogNode? {
        guard let value = values[name], !value.isNull else { return nil }
        return value
    }

    /// The value of a required key; throws `missing required key` at the mapping.
    func required(_ name: String) throws(CatalogError) -> CatalogNode {
        guard let value = self[name] else { throw owner.error("missing required key \(ConfigEcho.quoted(name))") }
        return value
    }

    /// Whether the key is present with a value that says something (not null, `false`, `""`,
    /// `[]` or `{}`, which Docker's published catalog writes for unset fields).
    func isSet(_ name: String) -> Bool {
        guard let value = self[name] else { return false }
        switch value.node {
        case .scalar(let scalar):
            return !scalar.string.isEmpty
                && !(CatalogNode.scalarKind(of: value.node) == .boolean && scalar.string.lowercased() == "false")
        case .mapping(let mapping): return !mapping.isEmpty
        case .sequence(let sequence): return !sequence.isEmpty
        case .alias: return true
        }
    }
}

extension CatalogNode {
    /// One entry of a mapping: its key (a string) and the nodes of key and value, both at the
    /// entry's path.
    struct Entry {
        /// The key.
        let name: String
        /// The key node.
        let key: CatalogNode
        /// The value node.
        let value: CatalogNode
    }

    /// The entries of a mapping, in file order; throws for another type or a key that is not a
    /// string.
    func entries() throws(CatalogError) -> [Entry] {
        guard case .mapping(let mapping) = node else { throw mismatch("a mapping") }
        var result: [Entry] = []
        for (keyNode, valueNode) in mapping {
            guard case .scalar(let key) = keyNode, Self.scalarKind(of: keyNode) == .string else {
                let summary = child(keyNode, path: path).summary
                throw CatalogError(
                    file: file, line: keyNode.mark?.line, path: path, message: "expected a string key, found \(summary)"
                )
            }
            let entryPath = Self.keyPath(key.string, in: path)
            result.append(
                Entry(name: key.string, key: child(keyNode, path: entryPath), value: child(valueNode, path: entryPath)))
        }
        return result
    }

    /// The mapping's keys checked against `known`.
    func fields(_ known: [String]) throws(CatalogError) -> CatalogFields {
        try CatalogFields(self, known: known)
    }

    /// The node as JSON: mappings become objects, sequences arrays, scalars by their kind.
    func json() throws(CatalogError) -> JSONValue {
        switch node {
        case .mapping:
            var members: [String: JSONValue] = [:]
            for entry in try entries() { members[entry.name] = try entry.value.json() }
            return .object(members)
        case .sequence:
            var elements: [JSONValue] = []
            for element in try sequence() { elements.append(try element.json()) }
            return .array(elements)
        case .scalar(let scalar):
            switch Self.scalarKind(of: node) {
            case .null: return .null
            case .boolean: return .bool(try boolean())
            case .integer:
                guard let value = Int64(scalar.string.filter { $0 != "_" }) else { throw error("integer out of range") }
                return .integer(value)
            case .number:
                guard let value = Double(scalar.string.filter { $0 != "_" }), value.isFinite else {
                    throw error("expected a finite number, found \(summary)")
                }
                return .number(value)
            case .string, nil: return .string(scalar.string)
            }
        case .alias:
            throw error(CatalogYAML.aliasMessage)
        }
    }
}
