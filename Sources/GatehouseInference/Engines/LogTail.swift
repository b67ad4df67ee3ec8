import Foundation

/// The last lines of an engine log, for start-failure messages.
package enum LogTail {
    /// The last `lines` non-empty lines of the file (reading at most its last 16 KiB).
    package static func read(_ path: String, lines: Int = 12) -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else { return "" }
        defer { try? handle.close() }
        let size = (try? handle.seekToEnd()) ?? 0
        try? handle.seek(toOffset: size > 16_384 ? size - 16_384 : 0)
        let data = (try? handle.readToEnd()) ?? Data()
        let text = String(decoding: data, as: UTF8.self)
        let kept = text.split(whereSeparator: \.isNewline).filter { !$0.allSatisfy(\.isWhitespace) }.suffix(lines)
        return kept.joined(separator: "\n")
    }
}
