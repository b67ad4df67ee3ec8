/// Renders untrusted text from a model file for error messages: at most 100 characters,
/// control characters replaced, always quoted.
func ggufExcerpt(_ text: String, limit: Int = 100) -> String {
    var out = ""
    var count = 0
    for scalar in text.unicodeScalars {
        if count == limit {
            out += "…"
            break
        }
        let isControl = scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
        out.unicodeScalars.append(isControl ? "?" : scalar)
        count += 1
    }
    return "\"\(out)\""
}

/// Adds two sizes, or `nil` on overflow.
func ggufAdd(_ a: UInt64, _ b: UInt64) -> UInt64? {
    let (sum, overflow) = a.addingReportingOverflow(b)
    return overflow ? nil : sum
}

/// Rounds `value` up to a multiple of `alignment` (a power of two), or `nil` on overflow.
func ggufAlign(_ value: UInt64, to alignment: UInt64) -> UInt64? {
    guard let bumped = ggufAdd(value, alignment - 1) else { return nil }
    return bumped & ~(alignment - 1)
}
