import GatehouseCore
import Yams

/// Readers the agent file needs beyond Core's.
extension YAMLValue {
    /// A number (integer or decimal) within `range`, or nil after reporting.
    func number(in range: ClosedRange<Double>) -> Double? {
        let kind = node.scalarKind
        guard case .scalar(let scalar) = node, kind == .integer || kind == .number,
            let value = Double(scalar.string.filter { $0 != "_" })
        else { return mismatch(expected: "a number") }
        guard range.contains(value) else {
            report(
                "\(ConfigEcho.plain(scalar.string)) is out of range (expected \(range.lowerBound)...\(range.upperBound))"
            )
            return nil
        }
        return value
    }

    /// Any scalar but null, as written (`8080`, `true`), for values that are strings anyway.
    func scalarText() -> String? {
        guard case .scalar(let scalar) = node, !node.isNull, node.scalarKind != nil else {
            return mismatch(expected: "a string")
        }
        return scalar.string
    }

    /// A sequence of non-empty strings.
    func strings() -> [String] {
        (sequence() ?? []).compactMap { $0.string() }
    }

    /// A mapping of names to scalar texts (`env`, `headers`).
    func stringMap() -> [String: String] {
        var result: [String: String] = [:]
        mapping { map in
            for entry in map.takeAll() {
                if let text = entry.value.scalarText() { result[entry.name] = text }
            }
        }
        return result
    }

    /// The value as JSON (`provider_opts`): scalars by their YAML 1.2 core kind.
    func json() -> JSONValue? {
        switch node {
        case .scalar(let scalar):
            switch node.scalarKind {
            case .null: return .null
            case .boolean: return .bool(scalar.string.lowercased() == "true")
            case .integer:
                return Int64(scalar.string.filter { $0 != "_" }).map(JSONValue.integer) ?? .string(scalar.string)
            case .number: return Double(scalar.string).map(JSONValue.number) ?? .string(scalar.string)
            default: return .string(scalar.string)
            }
        case .sequence:
            return .array((sequence() ?? []).compactMap { $0.json() })
        case .mapping:
            var members: [String: JSONValue] = [:]
            mapping { map in
                for entry in map.takeAll() { members[entry.name] = entry.value.json() }
            }
            return .object(members)
        default:
            return mismatch(expected: "a value")
        }
    }
}
