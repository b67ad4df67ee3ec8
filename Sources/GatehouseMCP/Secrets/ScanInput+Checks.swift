import Foundation

/// Checks the built-in matchers apply to a candidate: character mix, hex, placeholders,
/// entropy, and where an assigned value starts.
extension ScanInput {
    /// Whether the bytes of `range` include an upper-case letter, a lower-case letter and a
    /// digit: random tokens almost always do, words, slugs and hex digests do not.
    func hasMixedCase(_ range: Range<Int>, digit: Bool = true) -> Bool {
        var upper = false
        var lower = false
        var number = !digit
        for i in range {
            let b = bytes[i]
            if ByteSet.upper.contains(b) {
                upper = true
            } else if ByteSet.lower.contains(b) {
                lower = true
            } else if ByteSet.digits.contains(b) {
                number = true
            }
            if upper, lower, number { return true }
        }
        return false
    }

    /// How many of the classes upper case, lower case and digits occur in `range`.
    func characterClasses(_ range: Range<Int>) -> Int {
        var seen: UInt8 = 0
        for i in range {
            let b = bytes[i]
            if ByteSet.upper.contains(b) {
                seen |= 1
            } else if ByteSet.lower.contains(b) {
                seen |= 2
            } else if ByteSet.digits.contains(b) {
                seen |= 4
            }
        }
        return seen.nonzeroBitCount
    }

    /// Whether `range` is a hex string, allowing `-` separators: git SHAs, SHA-256 digests,
    /// UUIDs. None of the built-in secret shapes is pure hex, so such values are never
    /// reported by the shape-less rules.
    func isHexLike(_ range: Range<Int>) -> Bool {
        range.allSatisfy { ByteSet.hex.contains(bytes[$0]) || bytes[$0] == UInt8(ascii: "-") }
    }

    /// Whether `range` is a template placeholder rather than a value: `$VAR`, `${VAR}`,
    /// `{{ var }}`, `<password>`, `%(password)s`, a mask such as `****` or `xxxx`, or a marker
    /// of an earlier redaction (`[REDACTED:...]`, so redacting twice changes nothing). Those
    /// are what documentation and config templates contain, and reporting them would block
    /// calls that carry no secret.
    func isPlaceholder(_ range: Range<Int>) -> Bool {
        guard let first = byte(at: range.lowerBound), let last = byte(at: range.upperBound - 1) else { return true }
        if first == UInt8(ascii: "$") { return true }
        if first == UInt8(ascii: "["), hasLiteral("[REDACTED:".utf8, at: range.lowerBound) { return true }
        if first == UInt8(ascii: "{"), byte(at: range.lowerBound + 1) == UInt8(ascii: "{") { return true }
        if first == UInt8(ascii: "<"), last == UInt8(ascii: ">") { return true }
        if first == UInt8(ascii: "%"), byte(at: range.lowerBound + 1) == UInt8(ascii: "(") { return true }
        return range.allSatisfy { ByteSet.mask.contains(bytes[$0]) }
    }

    /// The Shannon entropy of the bytes of `range`, in bits per byte.
    func entropy(_ range: Range<Int>) -> Double {
        Entropy.shannon(UnsafeBufferPointer(rebasing: bytes[range]))
    }

    /// Where the value assigned to a key ending at `keyEnd` starts: after closing quotes, an
    /// operator (`=`, `:`, `:=`, `=>`) and opening quotes, as in `"api_key": "..."`,
    /// `SECRET=...`, `token: ...`, `{\"token\": \"...\"}`. With `allowSpace`, white space
    /// alone also separates them (`--token abc...`). Nil when no assignment follows; `==`
    /// (a comparison) is not one.
    func valueStart(afterKey keyEnd: Int, allowSpace: Bool) -> Int? {
        var i = runEnd(from: keyEnd, in: .glue, limit: 8)
        let skipped = i > keyEnd
        switch byte(at: i) {
        case UInt8(ascii: ":"):
            i += 1
            if byte(at: i) == UInt8(ascii: "=") { i += 1 }
        case UInt8(ascii: "="):
            i += 1
            if byte(at: i) == UInt8(ascii: ">") { i += 1 }
            if byte(at: i) == UInt8(ascii: "=") { return nil }
        default:
            guard allowSpace, skipped, ByteSet.blank.contains(bytes[keyEnd]) else { return nil }
        }
        return runEnd(from: i, in: .glue, limit: 8)
    }
}

/// Shannon entropy.
enum Entropy {
    /// The Shannon entropy of `bytes` in bits per byte: 0 for one repeated byte, at most
    /// log2(count); random base64 of 40 characters scores about 4.9-5.1, English about 4.
    static func shannon(_ bytes: UnsafeBufferPointer<UInt8>) -> Double {
        guard !bytes.isEmpty else { return 0 }
        var counts = [Int](repeating: 0, count: 256)
        for b in bytes { counts[Int(b)] += 1 }
        let total = Double(bytes.count)
        var bits = 0.0
        for c in counts where c > 0 {
            let p = Double(c) / total
            bits -= p * log2(p)
        }
        return bits
    }
}
