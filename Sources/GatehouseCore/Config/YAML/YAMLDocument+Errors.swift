import Yams

/// Yams' errors as diagnostics. libyaml's messages are fixed phrases: they never repeat the
/// text, so secrets cannot leak through them (Yams' own descriptions quote the line, and are
/// not used).
extension YAMLDocument {
    /// Reports a composing error at its line.
    static func reportSyntaxError(_ error: any Error, in text: String, log: ConfigDiagnosticLog) {
        guard let error = error as? YamlError else {
            log.report("invalid YAML", path: "", line: nil, column: nil)
            return
        }
        switch error {
        case .scanner(let context, let problem, let mark, _),
            .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            if problem.hasPrefix("Maximum nesting level") {
                log.report(YAMLStructureCheck.depthMessage, path: "", line: mark.line, column: nil)
                return
            }
            var message = "invalid YAML: \(problem)"
            if problem == "but found another document" {
                message = "invalid YAML: expected one document, found another"
            } else if problem == "found character that cannot start any token",
                isTab(at: mark, in: text)
            {
                message = "invalid YAML: tabs cannot indent YAML; use spaces"
            } else if let context {
                let place = context.mark.line == mark.line ? "" : " at line \(context.mark.line)"
                message += " (\(context.text)\(place))"
            }
            log.report(message, path: "", mark: mark)
        case .reader(let problem, let offset, _, _):
            log.report(
                "invalid YAML: \(problem)", path: "",
                line: offset.map { line(atCharacter: $0, in: text) }, column: nil)
        case .memory:
            log.report("invalid YAML: out of memory", path: "", line: nil, column: nil)
        default:
            log.report("invalid YAML", path: "", line: nil, column: nil)
        }
    }

    /// The line a composing error points at, if any.
    static func syntaxErrorLine(_ error: any Error) -> Int? {
        switch error as? YamlError {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            mark.line
        default: nil
        }
    }

    private static func isTab(at mark: Mark, in text: String) -> Bool {
        let lines = text.unicodeScalars.split(
            separator: "\n", maxSplits: mark.line, omittingEmptySubsequences: false)
        guard mark.line >= 1, mark.line <= lines.count else { return false }
        let scalars = lines[mark.line - 1]
        guard mark.column >= 1, mark.column <= scalars.count else { return false }
        return scalars[scalars.index(scalars.startIndex, offsetBy: mark.column - 1)] == "\t"
    }

    /// The 1-based line of the character at `offset`.
    private static func line(atCharacter offset: Int, in text: String) -> Int {
        var line = 1
        for character in text.prefix(offset)
        where character.unicodeScalars.contains(where: YAMLDuplicateKeys.isBreak) {
            line += 1
        }
        return line
    }
}
