import Foundation
public import GatehouseCore

/// Secret scanning of JSON (tool arguments, tool results): every string value, scanned with the
/// name of the member it belongs to as context (`api_key=…` is how the entropy rule knows a
/// value is meant as a secret), and every member name.
extension SecretScanner {
    /// The rules that match anywhere in `value`; empty when it carries no secret.
    public func findings(in value: JSONValue) -> [String] {
        var rules: [String] = []
        walk(value, key: nil) { text, key in
            rules += scan(context(key) + text).map(\.rule)
            return nil
        }
        return Array(Set(rules)).sorted()
    }

    /// `value` with every secret in a string replaced by `[REDACTED:rule]`, and the rules that
    /// matched. Structure, numbers and member names stay as they were.
    public func redacted(_ value: JSONValue) -> (value: JSONValue, rules: [String]) {
        var rules: Set<String> = []
        let result = walk(value, key: nil) { text, key in
            let prefix = context(key)
            let found = scan(prefix + text)
            guard !found.isEmpty else { return nil }
            rules.formUnion(found.map(\.rule))
            return Self.replace(found, in: text, offset: prefix.utf8.count)
        }
        return (result, rules.sorted())
    }

    private func context(_ key: String?) -> String { key.map { "\($0)=" } ?? "" }

    /// Rebuilds `value`, giving each string (and its member name) to `visit`, which may return
    /// a replacement.
    @discardableResult
    private func walk(_ value: JSONValue, key: String?, _ visit: (String, String?) -> String?) -> JSONValue {
        switch value {
        case .string(let text):
            return .string(visit(text, key) ?? text)
        case .array(let items):
            return .array(items.map { walk($0, key: key, visit) })
        case .object(let members):
            var out: [String: JSONValue] = [:]
            for (name, member) in members {
                let cleanName = visit(name, nil) ?? name
                out[cleanName] = walk(member, key: name, visit)
            }
            return .object(out)
        default:
            return value
        }
    }

    /// Replaces the findings' byte ranges (in `prefix + text`) inside `text`.
    private static func replace(_ findings: [SecretFinding], in text: String, offset: Int) -> String {
        var bytes = Array(text.utf8)
        for finding in findings.sorted(by: { $0.range.lowerBound > $1.range.lowerBound }) {
            let lower = max(0, finding.range.lowerBound - offset)
            let upper = min(bytes.count, finding.range.upperBound - offset)
            guard lower < upper else { continue }
            bytes.replaceSubrange(lower..<upper, with: Array(marker(for: finding.rule).utf8))
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
