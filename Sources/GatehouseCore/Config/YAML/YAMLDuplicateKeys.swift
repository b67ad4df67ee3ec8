/// Yams refuses a document with a repeated mapping key outright, naming only the first one.
/// To report every repeat with its key path, the first occurrence of each repeated key is
/// renamed in the text with a marker (`\u{E000}N\u{E000}` before the name, a private-use
/// character no configuration key holds) and the text composed again. Readers see through the
/// marker with ``originalName(_:)``; ``YAMLStructureCheck`` reports the repeats.
enum YAMLDuplicateKeys {
    /// Brackets the number of a rename marker.
    static let delimiter: Unicode.Scalar = "\u{E000}"

    /// The marker of the `index`th rename.
    static func marker(_ index: Int) -> String {
        "\(delimiter)\(index)\(delimiter)"
    }

    /// The key as written: `key` without a rename marker.
    static func originalName(_ key: String) -> String {
        let scalars = key.unicodeScalars
        guard scalars.first == delimiter else { return key }
        let rest = scalars.dropFirst()
        guard let end = rest.firstIndex(of: delimiter), end > rest.startIndex,
            rest[..<end].allSatisfy({ ("0"..."9").contains($0) })
        else { return key }
        return String(String.UnicodeScalarView(rest[rest.index(after: end)...]))
    }

    /// `text` with `marker` inserted into the key node starting at `line`:`column` (1-based,
    /// columns in Unicode scalars), and the column of the insertion; nil when the key cannot
    /// be renamed in place (an alias, a collection, a block scalar).
    static func rename(line: Int, column: Int, in text: String, marker: String) -> (
        text: String, column: Int
    )? {
        var scalars = Array(text.unicodeScalars)
        guard let lineStart = startOfLine(line, in: scalars) else { return nil }
        var index = lineStart + column - 1
        guard index < scalars.count else { return nil }
        // Skip node properties (&anchor, !tag) written before the key.
        while index < scalars.count, scalars[index] == "&" || scalars[index] == "!" {
            while index < scalars.count, !isBlank(scalars[index]) { index += 1 }
            while index < scalars.count, scalars[index] == " " || scalars[index] == "\t" {
                index += 1
            }
        }
        guard index < scalars.count, !isBreak(scalars[index]) else { return nil }
        switch scalars[index] {
        case "\"", "'": index += 1
        case "*", "[", "{", "|", ">": return nil
        default: break
        }
        guard !scalars[lineStart..<index].contains(where: isBreak) else { return nil }
        scalars.insert(contentsOf: marker.unicodeScalars, at: index)
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return (String(view), index - lineStart + 1)
    }

    /// Whether libyaml counts the scalar as a line break.
    static func isBreak(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "\n" || scalar == "\r" || scalar == "\u{85}" || scalar == "\u{2028}"
            || scalar == "\u{2029}"
    }

    private static func isBlank(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\t" || isBreak(scalar)
    }

    private static func startOfLine(_ line: Int, in scalars: [Unicode.Scalar]) -> Int? {
        var current = 1
        var index = 0
        while current < line {
            guard index < scalars.count else { return nil }
            if isBreak(scalars[index]) {
                if scalars[index] == "\r", index + 1 < scalars.count, scalars[index + 1] == "\n" {
                    index += 1
                }
                current += 1
            }
            index += 1
        }
        return index
    }
}
