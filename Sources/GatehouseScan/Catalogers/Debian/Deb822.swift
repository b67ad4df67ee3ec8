/// One paragraph of a deb822 file (Debian control format): `Field: value` lines, continuation lines
/// beginning with a space or tab.
struct Deb822Paragraph: Sendable {
    /// The fields by lower-cased name; a multi-line value keeps its continuation lines after `\n`.
    var fields: [String: String] = [:]
    /// The 1-based line on which the paragraph starts.
    var line: Int
    /// Why the paragraph is malformed, if it is.
    var problem: String?

    /// The value of `field` (case-insensitive).
    subscript(field: String) -> String? { fields[field.lowercased()] }

    /// The first line of `field`'s value, trimmed; nil when absent or empty.
    func firstLine(_ field: String) -> String? {
        guard let value = self[field] else { return nil }
        let first = ScanText.trim(value.prefix { $0 != "\n" })
        return first.isEmpty ? nil : first
    }
}

/// Splits deb822 text into paragraphs.
enum Deb822 {
    /// The paragraphs of `text`, separated by blank (or whitespace-only) lines. A malformed paragraph
    /// (a line without a colon, a continuation before any field, a repeated field) carries a ``problem``.
    static func paragraphs(_ text: String) -> [Deb822Paragraph] {
        var result: [Deb822Paragraph] = []
        var current: Deb822Paragraph?
        var lastField: String?
        for (index, line) in ScanText.lines(text).enumerated() {
            if ScanText.trim(line).isEmpty {
                if let paragraph = current { result.append(paragraph) }
                current = nil
                lastField = nil
                continue
            }
            var paragraph = current ?? Deb822Paragraph(line: index + 1)
            defer { current = paragraph }
            guard paragraph.problem == nil else { continue }
            if line.first == " " || line.first == "\t" {
                guard let field = lastField else {
                    paragraph.problem = "line \(index + 1): continuation line before any field"
                    continue
                }
                paragraph.fields[field, default: ""] += "\n" + ScanText.trim(line)
                continue
            }
            guard let colon = line.firstIndex(of: ":"), colon != line.startIndex else {
                paragraph.problem = "line \(index + 1): not a field: \(ScanText.echo(line))"
                continue
            }
            let name = line[..<colon].lowercased()
            guard paragraph.fields[name] == nil else {
                paragraph.problem = "line \(index + 1): repeated field \(ScanText.echo(name))"
                continue
            }
            paragraph.fields[name] = ScanText.trim(line[line.index(after: colon)...])
            lastField = name
        }
        if let paragraph = current { result.append(paragraph) }
        return result
    }
}
