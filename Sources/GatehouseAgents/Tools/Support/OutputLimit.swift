import Foundation

/// Caps what a tool hands to the model.
enum OutputLimit {
    /// The most bytes of text one call gives the model.
    static let bytes = 256 * 1024

    /// `text`, cut to at most `limit` UTF-8 bytes (on a character boundary) with a note when cut.
    static func cap(_ text: String, limit: Int = bytes) -> String {
        let utf8 = text.utf8
        guard utf8.count > limit else { return text }
        var kept = Array(utf8.prefix(limit))
        // Drop a character the cut split (and at worst the one whole one before it).
        while let last = kept.last, last & 0xC0 == 0x80 { kept.removeLast() }
        if let last = kept.last, last >= 0xC0 { kept.removeLast() }
        return String(decoding: kept, as: UTF8.self) + "\n[output cut: \(limit) of \(utf8.count) bytes shown]"
    }

    /// `data` as text (invalid UTF-8 replaced).
    static func text(_ data: Data) -> String {
        String(decoding: data, as: UTF8.self)
    }
}
