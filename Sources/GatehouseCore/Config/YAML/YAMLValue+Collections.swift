import Yams

/// Reading sequences and mappings.
extension YAMLValue {
    /// The elements, each with its indexed path, or nil after reporting a wrong type.
    package func sequence() -> [YAMLValue]? {
        guard case .sequence(let sequence) = node else { return mismatch(expected: "a sequence") }
        return sequence.enumerated().map { index, element in
            child(element, path: YAMLPath.index(index, in: path))
        }
    }

    /// A single string (as a one-element list) or a sequence, whose elements the caller reads.
    package func stringOrSequence() -> [YAMLValue]? {
        if node.scalarKind == .string { return [self] }
        guard case .sequence = node else { return mismatch(expected: "a string or a sequence") }
        return sequence()
    }

    /// Reads a mapping with `body`, then reports every key `body` did not ask for. Returns nil
    /// after reporting a wrong type.
    @discardableResult
    package func mapping<Result>(_ body: (inout YAMLMapping) -> Result) -> Result? {
        guard case .mapping(let mapping) = node else { return mismatch(expected: "a mapping") }
        var reader = YAMLMapping(owner: self, mapping: mapping)
        let result = body(&reader)
        reader.reportUnknownKeys()
        return result
    }
}
