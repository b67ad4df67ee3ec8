/// Scalars, indentation and indicators for ``YAMLPrescan``.
extension YAMLPrescan {
    /// Moves past a plain scalar: to the index after its end on this line, or nil when it
    /// runs to the end of the line (or a comment).
    mutating func endOfPlain(in line: [Unicode.Scalar], from start: Int) -> Int? {
        var i = start
        while i < line.count {
            let c = line[i]
            let following: Unicode.Scalar? = i + 1 < line.count ? line[i + 1] : nil
            if Self.isSpace(c), following == "#" { return nil }
            if c == ":",
                following.map({ Self.isSpace($0) || (flowDepth > 0 && Self.isFlow($0)) }) ?? true
            {
                inPlain = false
                return i + 1
            }
            if flowDepth > 0, c == "," || Self.isFlow(c) {
                inPlain = false
                return i
            }
            i += 1
        }
        if flowDepth == 0 { inPlain = false }
        return nil
    }

    /// Moves past the quoted scalar opened by `open`: to the index after its closing quote
    /// (clearing `quote`), or to the end of the line when it goes on.
    static func endOfQuote(
        _ open: Unicode.Scalar, in line: [Unicode.Scalar], from start: Int,
        closed quote: inout Unicode.Scalar?
    ) -> Int {
        var i = start
        while i < line.count {
            if open == "\"", line[i] == "\\" {
                i += 2
            } else if line[i] == open {
                if open == "'", i + 1 < line.count, line[i + 1] == "'" {
                    i += 2
                } else {
                    quote = nil
                    return i + 1
                }
            } else {
                i += 1
            }
        }
        return i
    }

    /// Notes block content starting at `column`; a refusal message when too deep.
    mutating func push(column: Int) -> String? {
        if let top = indents.last, column <= top { return nil }
        indents.append(column)
        return estimatedDepth > Self.depthLimit ? YAMLStructureCheck.depthMessage : nil
    }

    /// Whether a `:` that makes what precedes it a mapping key follows `start`.
    func followedByKeyIndicator(_ line: [Unicode.Scalar], from start: Int) -> Bool {
        var i = start
        while i < line.count, Self.isSpace(line[i]) { i += 1 }
        guard i < line.count, line[i] == ":" else { return false }
        guard i + 1 < line.count else { return true }
        return Self.isSpace(line[i + 1])
            || (flowDepth > 0 && (line[i + 1] == "," || Self.isFlow(line[i + 1])))
    }

    /// A space or a tab.
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\t"
    }

    /// A flow indicator: `[`, `]`, `{`, `}` or `,`.
    static func isFlow(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "[" || scalar == "]" || scalar == "{" || scalar == "}" || scalar == ","
    }
}
