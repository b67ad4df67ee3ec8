import GatehouseCore

/// Helpers to read hostile file content as text.
enum ScanText {
    /// Decodes `content` as UTF-8 (invalid sequences become U+FFFD), refusing content over `limit` bytes
    /// or containing NUL bytes (a binary is not a text database).
    static func decode(_ content: [UInt8], path: String, limit: Int) throws(GatehouseError) -> String {
        guard content.count <= limit else {
            throw GatehouseError(
                .scanInputInvalid, "\(echo(path)): \(content.count) bytes exceeds the limit of \(limit)")
        }
        guard !content.contains(0) else {
            throw GatehouseError(.scanInputInvalid, "\(echo(path)): contains NUL bytes, not a text file")
        }
        return String(decoding: content, as: UTF8.self)
    }

    /// The lines of `text` without their terminators (`\n`, with a trailing `\r` removed).
    static func lines(_ text: String) -> [Substring] {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.last == "\r" ? line.dropLast() : line
        }
    }

    /// `text` quoted and cut to at most `max` characters, control characters replaced, for error messages.
    static func echo<S: StringProtocol>(_ text: S, max: Int = 60) -> String {
        var out = ""
        for (index, char) in text.enumerated() {
            if index == max {
                out += "…"
                break
            }
            out.append(char.isASCII && (char.asciiValue ?? 0) < 0x20 ? "?" : char)
        }
        return "'\(out)'"
    }

    /// Whether `value` is usable as a package name or version: non-empty, at most 512 bytes, and free of
    /// control characters and whitespace.
    static func isToken<S: StringProtocol>(_ value: S) -> Bool {
        guard !value.isEmpty, value.utf8.count <= 512 else { return false }
        return !value.unicodeScalars.contains { $0.value <= 0x20 || $0.value == 0x7F }
    }

    /// `value` with surrounding spaces and tabs removed.
    static func trim<S: StringProtocol>(_ value: S) -> String {
        var view = value[...]
        while let first = view.first, first == " " || first == "\t" { view = view.dropFirst() }
        while let last = view.last, last == " " || last == "\t" { view = view.dropLast() }
        return String(view)
    }
}
