import Yams

/// Turns configuration text into a composed YAML tree, refusing what cannot be read safely:
/// texts over 1 MiB, deep nesting, alias bombs, complex keys, invalid YAML, empty documents.
package enum YAMLDocument {
    /// The largest text read, in UTF-8 bytes (1 MiB).
    static let maxBytes = 1_048_576

    /// Reported when the document holds nothing.
    package static let emptyMessage =
        "the document is empty (expected a mapping starting with \"version: 1\")"

    /// The root of the document, ready to read; nil after reporting why it cannot be read.
    package static func load(
        _ text: String, log: ConfigDiagnosticLog, emptyMessage: String = YAMLDocument.emptyMessage
    ) -> YAMLValue? {
        let size = text.utf8.count
        guard size <= maxBytes else {
            log.report(
                "the document is \(size) bytes, over the 1 MiB (\(maxBytes) bytes) limit; refusing to read it",
                path: "", line: nil, column: nil)
            return nil
        }
        // libyaml does not skip a byte order mark in a string; editors on Windows write one.
        let text =
            text.unicodeScalars.first == "\u{FEFF}" ? String(text.unicodeScalars.dropFirst()) : text
        if let refusal = YAMLPrescan.refusal(for: text) {
            log.report(refusal.message, path: "", line: refusal.line, column: nil)
            return nil
        }
        guard case .composed(let root) = compose(text, log: log) else { return nil }
        guard let root, !root.isNull else {
            log.report(emptyMessage, path: "", line: nil, column: nil)
            return nil
        }
        var structure = YAMLStructureCheck(log: log)
        guard structure.check(root) else { return nil }
        return YAMLValue(node: root, path: "", log: log)
    }
}
