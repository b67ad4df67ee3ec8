package import Yams

/// Collects the diagnostics of one ``ConfigParser/parse(_:file:)`` call. Confined to that call.
package final class ConfigDiagnosticLog {
    /// The file name used in every diagnostic.
    package let file: String
    private var collected: [ConfigDiagnostic] = []
    /// Text inserted into the document to rename duplicate keys (see ``YAMLDuplicateKeys``),
    /// in the coordinates of the text at the time of insertion, oldest first.
    private var insertions: [(line: Int, column: Int, width: Int)] = []

    /// Creates an empty log for `file`.
    package init(file: String) {
        self.file = file
    }

    /// Whether nothing has been reported.
    package var isEmpty: Bool { collected.isEmpty }

    /// Reports a problem at a node of the (possibly renamed) document.
    package func report(_ message: String, path: String, mark: Mark?) {
        let column = mark.map { originalColumn(line: $0.line, column: $0.column) }
        report(message, path: path, line: mark?.line, column: column)
    }

    /// Reports a problem at a position of the original text.
    package func report(_ message: String, path: String, line: Int?, column: Int?) {
        collected.append(
            ConfigDiagnostic(file: file, line: line, column: column, path: path, message: message))
    }

    /// Records that `width` scalars were inserted before `column` of `line`.
    func recordInsertion(line: Int, column: Int, width: Int) {
        insertions.append((line, column, width))
    }

    /// Maps a column of the renamed text back to the text as written.
    func originalColumn(line: Int, column: Int) -> Int {
        var result = column
        for insertion in insertions.reversed()
        where insertion.line == line && insertion.column < result {
            result -= insertion.width
        }
        return result
    }

    /// The diagnostics in file order, each once.
    package var error: ConfigError {
        var seen = Set<ConfigDiagnostic>()
        let unique = collected.filter { seen.insert($0).inserted }
        let ordered = unique.enumerated().sorted { lhs, rhs in
            let left = (lhs.element.line ?? 0, lhs.element.column ?? 0, lhs.offset)
            let right = (rhs.element.line ?? 0, rhs.element.column ?? 0, rhs.offset)
            return left < right
        }
        return ConfigError(diagnostics: ordered.map(\.element))
    }
}
