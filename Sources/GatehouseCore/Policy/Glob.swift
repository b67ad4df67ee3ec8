/// A shell-style pattern: `*` matches any run of characters (including none), `?` exactly
/// one; everything else matches itself. Matching is linear in practice and never recursive,
/// so hostile patterns cannot blow the stack.
public struct Glob: Sendable, Hashable, CustomStringConvertible {
    /// The pattern as written.
    public let pattern: String
    private let bytes: [UInt8]

    /// Compiles a pattern.
    public init(_ pattern: String) {
        self.pattern = pattern
        self.bytes = Array(pattern.utf8)
    }

    /// The pattern as written.
    public var description: String { pattern }

    /// Whether `text` matches the whole pattern.
    public func matches(_ text: String) -> Bool {
        let star = UInt8(ascii: "*")
        let any = UInt8(ascii: "?")
        let input = Array(text.utf8)
        var p = 0
        var t = 0
        var starP = -1
        var starT = 0
        while t < input.count {
            if p < bytes.count, bytes[p] == any || (bytes[p] != star && bytes[p] == input[t]) {
                p += 1
                t += 1
            } else if p < bytes.count, bytes[p] == star {
                starP = p
                starT = t
                p += 1
            } else if starP >= 0 {
                p = starP + 1
                starT += 1
                t = starT
            } else {
                return false
            }
        }
        while p < bytes.count, bytes[p] == star { p += 1 }
        return p == bytes.count
    }
}
