import Yams

/// Reading scalars: strings, integers, choices and secret references.
extension YAMLValue {
    /// The string, or nil after reporting a wrong type or (unless allowed) an empty string.
    /// The value of a secret-bearing key must be a reference; its text is returned.
    package func string(allowEmpty: Bool = false) -> String? {
        if isSecret { return secretRef()?.description }
        guard case .scalar(let scalar) = node, node.scalarKind == .string else {
            return mismatch(expected: "a string")
        }
        guard allowEmpty || !scalar.string.isEmpty else {
            report("must not be empty")
            return nil
        }
        return scalar.string
    }

    /// `true` or `false` (YAML 1.2 core schema), or nil after reporting a wrong type.
    package func boolean() -> Bool? {
        guard case .scalar(let scalar) = node, node.scalarKind == .boolean else {
            return mismatch(expected: "true or false")
        }
        return scalar.string.lowercased() == "true"
    }

    /// The integer, or nil after reporting a wrong type or a value outside `range`.
    package func integer(in range: ClosedRange<Int>? = nil) -> Int? {
        guard case .scalar(let scalar) = node, node.scalarKind == .integer else {
            return mismatch(expected: "an integer")
        }
        let digits = scalar.string.filter { $0 != "_" }
        let expected = range.map { " (expected \($0.lowerBound)...\($0.upperBound))" } ?? ""
        let shown = isRedacted ? "the value" : ConfigEcho.plain(scalar.string)
        guard let value = Int(digits) else {
            let unsigned = digits.drop { $0 == "-" || $0 == "+" }
            guard !unsigned.isEmpty, unsigned.allSatisfy({ ("0"..."9").contains($0) }) else {
                return mismatch(expected: "an integer")
            }
            report("\(shown) is out of range\(expected)")
            return nil
        }
        if let range, !range.contains(value) {
            report("\(shown) is out of range\(expected)")
            return nil
        }
        return value
    }

    /// One of `cases`, by raw value; reports an unknown value with a suggestion.
    package func choice<Value: RawRepresentable>(_ cases: [Value]) -> Value?
    where Value.RawValue == String {
        guard let text = string() else { return nil }
        if let value = cases.first(where: { $0.rawValue == text }) { return value }
        let hint = DidYouMean.hint(for: text, among: cases.map(\.rawValue)) ?? ""
        report("invalid value \(isRedacted ? "" : ConfigEcho.quoted(text) + " ")(\(hint))")
        return nil
    }

    /// The secret reference (`env:NAME` or `file:PATH`). Anything else is reported without
    /// repeating the value.
    func secretRef() -> SecretRef? {
        guard case .scalar(let scalar) = node, node.scalarKind == .string else {
            report(SecretRef.inlineValueMessage)
            return nil
        }
        if let reference = SecretRef(reference: scalar.string) { return reference }
        if scalar.string.hasPrefix("env:") || scalar.string.hasPrefix("file:") {
            report(SecretRef.malformedReferenceMessage)
        } else {
            report(SecretRef.inlineValueMessage)
        }
        return nil
    }
}
