extension SecretScanner {
    /// `text` with each of `findings` (sorted, not overlapping, as ``scan(_:)`` returns them)
    /// replaced by `[REDACTED:<rule>]`.
    func redacting(_ findings: [SecretFinding], in text: String) -> String {
        guard !findings.isEmpty else { return text }
        let utf8 = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count)
        var cursor = 0
        for finding in findings where finding.range.lowerBound >= cursor && finding.range.upperBound <= utf8.count {
            out += utf8[cursor..<finding.range.lowerBound]
            out += Self.marker(for: finding.rule).utf8
            cursor = finding.range.upperBound
        }
        out += utf8[cursor...]
        // Findings start and end on character boundaries (built-in rules on ASCII bytes,
        // custom rules on regex match bounds), so the bytes stay valid UTF-8.
        return String(decoding: out, as: UTF8.self)
    }

    /// The text that replaces a secret found by `rule`: `[REDACTED:aws-access-key-id]`.
    public static func marker(for rule: String) -> String { "[REDACTED:\(rule)]" }
}
