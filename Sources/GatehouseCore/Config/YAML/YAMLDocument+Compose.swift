import Yams

/// Composing with Yams, renaming repeated keys so that all of them can be reported (see
/// ``YAMLDuplicateKeys``), and turning Yams' errors into diagnostics.
extension YAMLDocument {
    /// The most repeated keys renamed before giving up on reporting them with paths.
    static let maxRenames = 32

    /// The outcome of composing.
    enum Composition {
        /// The root node; nil for a text without a document.
        case composed(Node?)
        /// Composing failed; the reasons are reported.
        case failed
    }

    /// Composes `text`, reporting why when it cannot be composed.
    static func compose(_ text: String, log: ConfigDiagnosticLog) -> Composition {
        var current = text
        var renamed: [(name: String, line: Int, column: Int)] = []
        for attempt in 0...maxRenames {
            do {
                return .composed(try Yams.compose(yaml: current, YAMLSchema.resolver))
            } catch YamlError.duplicatedKeysInMapping(let duplicates, let context) {
                let name = YAMLDuplicateKeys.originalName(duplicates.first ?? "")
                let line = context.mark.line
                let column = log.originalColumn(line: line, column: context.mark.column)
                let stuck = renamed.last.map { $0.line == line && $0.column == column } ?? false
                guard attempt < maxRenames, !stuck,
                    let rename = YAMLDuplicateKeys.rename(
                        line: line, column: context.mark.column, in: current,
                        marker: YAMLDuplicateKeys.marker(attempt))
                else {
                    renamed.append((name, line, column))
                    reportRenamed(renamed, log: log)
                    return .failed
                }
                renamed.append((name, line, column))
                log.recordInsertion(
                    line: line, column: rename.column, width: attempt.description.count + 2)
                current = rename.text
            } catch {
                // A syntax error on the line of the last renamed key may be the renaming's doing.
                if renamed.isEmpty || syntaxErrorLine(error) != renamed.last?.line {
                    reportSyntaxError(error, in: current, log: log)
                }
                reportRenamed(renamed, log: log)
                return .failed
            }
        }
        return .failed
    }

    /// Reports repeated keys found without a composed tree (so without key paths).
    private static func reportRenamed(
        _ renamed: [(name: String, line: Int, column: Int)], log: ConfigDiagnosticLog
    ) {
        for key in renamed {
            log.report(
                "duplicate key \(ConfigEcho.quoted(key.name))", path: "", line: key.line,
                column: key.column)
        }
    }
}
