package import Yams

/// Reads one mapping: hands out the values of the keys asked for, remembers which keys were
/// asked for, and reports every other key as unknown (with a suggestion) at the end.
///
/// Merge keys (`<<: *defaults`) are applied: keys written in the mapping win over merged
/// ones, and earlier merged mappings win over later ones. A repeated key keeps its first
/// value; the repeat is reported by ``YAMLStructureCheck``.
package struct YAMLMapping {
    /// One key and its value.
    package struct Entry {
        /// The key as written.
        package let name: String
        /// The key node, with the entry's path (for problems with the key itself).
        package let key: YAMLValue
        /// The value node, with the entry's path.
        package let value: YAMLValue
    }

    /// The mapping itself.
    package let owner: YAMLValue
    /// The entries, in file order (merged entries last).
    package private(set) var entries: [Entry] = []
    private var asked: [String] = []
    private var taken: Set<String> = []

    /// Collects the entries of `mapping`, the node of `owner`.
    init(owner: YAMLValue, mapping: Node.Mapping) {
        self.owner = owner
        var names: Set<String> = []
        absorb(mapping, names: &names)
    }

    /// The value of an optional key; nil when absent or null (`key:` / `key: ~`).
    package mutating func optional(_ name: String) -> YAMLValue? {
        guard let value = take(name), !value.node.isNull else { return nil }
        return value
    }

    /// The value of a required key; nil after reporting `missing required key` at the mapping.
    package mutating func required(_ name: String) -> YAMLValue? {
        guard let value = take(name) else {
            owner.report("missing required key \"\(name)\"")
            return nil
        }
        return value
    }

    /// Every entry, for mappings whose keys are names (groups, obligations).
    package mutating func takeAll() -> [Entry] {
        taken = Set(entries.map(\.name))
        return entries
    }

    /// Reports each key that was never asked for.
    package func reportUnknownKeys() {
        for entry in entries where !taken.contains(entry.name) {
            let hint = DidYouMean.hint(for: entry.name, among: asked).map { " (\($0))" } ?? ""
            entry.key.report("unknown key\(hint)")
        }
    }

    private mutating func take(_ name: String) -> YAMLValue? {
        if !asked.contains(name) { asked.append(name) }
        guard let entry = entries.first(where: { $0.name == name }) else { return nil }
        taken.insert(name)
        var value = entry.value
        value.isSecret = value.isSecret || SecretRef.isSecretBearing(key: name)
        return value
    }

    private mutating func absorb(_ mapping: Node.Mapping, names: inout Set<String>) {
        var merged: [YAMLValue] = []
        for (keyNode, valueNode) in mapping {
            guard case .scalar(let key) = keyNode else {
                owner.child(keyNode, path: owner.path).report(
                    "expected a string key, found \(keyNode.summary(redacted: true))")
                continue
            }
            let name = YAMLDuplicateKeys.originalName(key.string)
            // A repeated `<<` was renamed (see YAMLDuplicateKeys), which made it a string.
            if keyNode.scalarKind == .merge
                || (name == "<<" && key.string != name && key.style == .plain)
            {
                merged.append(owner.child(valueNode, path: YAMLPath.key("<<", in: owner.path)))
                continue
            }
            guard names.insert(name).inserted else { continue }
            let path = YAMLPath.key(name, in: owner.path)
            entries.append(
                Entry(
                    name: name, key: owner.child(keyNode, path: path),
                    value: owner.child(valueNode, path: path)))
        }
        for source in merged {
            switch source.node {
            case .mapping(let mapping): absorb(mapping, names: &names)
            case .sequence(let sequence) where sequence.allSatisfy({ $0.mapping != nil }):
                for case .mapping(let mapping) in sequence { absorb(mapping, names: &names) }
            default:
                source.report("a merge key (<<) needs a mapping or a sequence of mappings")
            }
        }
    }
}
