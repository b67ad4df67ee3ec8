/// The text a conversion writes: words separated by single spaces, blocks by one blank line.
struct HTMLOutput {
    private var buffer = ""
    private var pendingSpace = false

    /// Appends text, collapsing each run of whitespace into one space; in a link, `[` and `]` are
    /// escaped.
    mutating func text(_ text: String, escapingBrackets: Bool) {
        for character in text {
            if character.isWhitespace {
                pendingSpace = true
                continue
            }
            flushSpace()
            if escapingBrackets, character == "[" || character == "]" { buffer.append("\\") }
            buffer.append(character)
        }
    }

    /// Appends text as it is (inside `pre`).
    mutating func raw(_ text: String) {
        flushSpace()
        buffer += text
    }

    /// Appends Markdown syntax, after a pending space when `spaced`.
    mutating func markup(_ syntax: String, spaced: Bool = false) {
        if spaced { flushSpace() } else { pendingSpace = false }
        buffer += syntax
    }

    /// Ends an open link: `](target)`, or nothing at all when the link has no text.
    mutating func endLink(_ target: String) {
        if buffer.hasSuffix("[") {
            buffer.removeLast()
            return
        }
        buffer += "](\(target))"
    }

    /// Ends the line.
    mutating func lineBreak() {
        pendingSpace = false
        buffer += "\n"
    }

    /// Ends the block: one blank line (only a line break when `tight`), none at the start.
    mutating func blockBreak(tight: Bool = false) {
        pendingSpace = false
        guard !buffer.isEmpty else { return }
        if tight {
            if !buffer.hasSuffix("\n") { buffer += "\n" }
        } else if !buffer.hasSuffix("\n\n") {
            buffer += buffer.hasSuffix("\n") ? "\n" : "\n\n"
        }
    }

    /// The text, without whitespace at either end.
    var finished: String {
        var text = Substring(buffer)
        while text.first?.isWhitespace == true { text = text.dropFirst() }
        while text.last?.isWhitespace == true { text = text.dropLast() }
        return String(text)
    }

    private mutating func flushSpace() {
        if pendingSpace, let last = buffer.last, !last.isWhitespace, last != "[" { buffer += " " }
        pendingSpace = false
    }
}
