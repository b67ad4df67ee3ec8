/// One piece of an HTML document.
enum HTMLToken: Equatable {
    /// Text between tags, entities not yet decoded.
    case text(ArraySlice<UInt8>)
    /// An opening (or self-closing) tag: its lower-cased name and the bytes of its attributes.
    case open(String, attributes: ArraySlice<UInt8>)
    /// A closing tag and its lower-cased name.
    case close(String)
}

/// Splits HTML into text and tags in one forward pass (linear in the input, whatever it holds):
/// comments, doctypes and processing instructions are dropped, and the content of `script`,
/// `style` and similar elements is skipped unread. Unclosed constructs end at the end of input.
struct HTMLScanner {
    /// Elements whose content is never text for the reader.
    static let skippedElements: Set<String> = ["script", "style", "noscript", "template", "svg", "iframe", "object"]

    private static let commentOpen = Array("<!--".utf8)
    private static let commentClose = Array("-->".utf8)

    private let bytes: [UInt8]
    private var position = 0

    /// A scanner over the UTF-8 of `html`.
    init(_ html: String) {
        bytes = Array(html.utf8)
    }

    /// The next token; nil at the end.
    mutating func next() -> HTMLToken? {
        while position < bytes.count {
            guard bytes[position] == UInt8(ascii: "<"), position + 1 < bytes.count else { return text() }
            let marker = bytes[position + 1]
            if marker == UInt8(ascii: "!") || marker == UInt8(ascii: "?") {
                skipDeclaration()
            } else if marker == UInt8(ascii: "/") || Self.isLetter(marker) {
                return tag()
            } else {
                return text()
            }
        }
        return nil
    }

    /// Text up to the next `<` that is not its first byte.
    private mutating func text() -> HTMLToken {
        let start = position
        position += 1
        while position < bytes.count, bytes[position] != UInt8(ascii: "<") { position += 1 }
        return .text(bytes[start..<position])
    }

    /// Skips `<!-- … -->`, or `<!…>` / `<?…>` up to the next `>`.
    private mutating func skipDeclaration() {
        let isComment = bytes[position...].starts(with: Self.commentOpen)
        position += isComment ? 4 : 2
        while position < bytes.count {
            if isComment {
                if bytes[position...].starts(with: Self.commentClose) {
                    position += 3
                    return
                }
            } else if bytes[position] == UInt8(ascii: ">") {
                position += 1
                return
            }
            position += 1
        }
    }

    /// A tag from `<` to its `>` (quotes respected), skipping the content of skipped elements.
    private mutating func tag() -> HTMLToken {
        let closing = bytes[position + 1] == UInt8(ascii: "/")
        position += closing ? 2 : 1
        let nameStart = position
        while position < bytes.count, Self.isNameByte(bytes[position]) { position += 1 }
        let name = String(decoding: bytes[nameStart..<position], as: UTF8.self).lowercased()
        let attributesStart = position
        var quote: UInt8?
        while position < bytes.count {
            let byte = bytes[position]
            if let open = quote {
                if byte == open { quote = nil }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if byte == UInt8(ascii: ">") {
                break
            }
            position += 1
        }
        let attributes = bytes[attributesStart..<position]
        position = min(position + 1, bytes.count)
        if closing { return .close(name) }
        if Self.skippedElements.contains(name), attributes.last != UInt8(ascii: "/") { skipContent(of: name) }
        return .open(name, attributes: attributes)
    }

    /// Moves to the `</name` that ends a skipped element (or the end of input).
    private mutating func skipContent(of name: String) {
        let closer = Array("</\(name)".utf8)
        while position < bytes.count {
            if bytes[position] == UInt8(ascii: "<"), position + closer.count <= bytes.count,
                zip(bytes[position..<position + closer.count], closer).allSatisfy({ $0 | 0x20 == $1 | 0x20 })
            {
                return
            }
            position += 1
        }
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20)
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        isLetter(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-")
            || byte == UInt8(ascii: ":")
    }
}
