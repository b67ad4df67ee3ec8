import GatehouseCore

/// Tokens of the filter grammar, with their byte offsets for error messages.
struct SCIMFilterToken: Hashable {
    enum Kind: Hashable {
        case word(String)
        case string(String)
        case number(Double)
        case openParen, closeParen, openBracket, closeBracket
    }
    let kind: Kind
    let offset: Int
}

/// Splits a filter into tokens. Bounded: the input length is capped before anything else.
enum SCIMFilterLexer {
    static func tokens(_ text: String, limits: SCIMFilterLimits) throws(GatehouseError) -> [SCIMFilterToken] {
        let bytes = Array(text.utf8)
        guard bytes.count <= limits.maxLength else {
            throw SCIMFilterParser.error("the filter is longer than \(limits.maxLength) bytes")
        }
        var tokens: [SCIMFilterToken] = []
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                index += 1
            case UInt8(ascii: "("):
                tokens.append(.init(kind: .openParen, offset: index))
                index += 1
            case UInt8(ascii: ")"):
                tokens.append(.init(kind: .closeParen, offset: index))
                index += 1
            case UInt8(ascii: "["):
                tokens.append(.init(kind: .openBracket, offset: index))
                index += 1
            case UInt8(ascii: "]"):
                tokens.append(.init(kind: .closeBracket, offset: index))
                index += 1
            case UInt8(ascii: "\""):
                let (value, end) = try string(bytes, from: index)
                tokens.append(.init(kind: .string(value), offset: index))
                index = end
            default:
                let start = index
                while index < bytes.count, !Self.isDelimiter(bytes[index]) { index += 1 }
                let word = String(decoding: bytes[start..<index], as: UTF8.self)
                if let first = word.utf8.first, first == UInt8(ascii: "-") || (first >= 0x30 && first <= 0x39),
                    let number = Double(word), number.isFinite
                {
                    tokens.append(.init(kind: .number(number), offset: start))
                } else {
                    tokens.append(.init(kind: .word(word), offset: start))
                }
            }
            guard tokens.count <= limits.maxTokens else {
                throw SCIMFilterParser.error("the filter has more than \(limits.maxTokens) tokens")
            }
        }
        return tokens
    }

    private static func isDelimiter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "("),
            UInt8(ascii: ")"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "\""):
            true
        default: false
        }
    }

    /// A JSON string literal starting at `start` (the opening quote); returns the value and the
    /// offset after the closing quote.
    private static func string(_ bytes: [UInt8], from start: Int) throws(GatehouseError) -> (String, Int) {
        var index = start + 1
        var escaped = false
        while index < bytes.count {
            let byte = bytes[index]
            if escaped {
                escaped = false
            } else if byte == UInt8(ascii: "\\") {
                escaped = true
            } else if byte == UInt8(ascii: "\"") {
                let literal = String(decoding: bytes[start...index], as: UTF8.self)
                guard let value = JSONString.decode(literal) else {
                    throw SCIMFilterParser.error("invalid string literal at offset \(start)")
                }
                return (value, index + 1)
            } else if byte < 0x20 {
                throw SCIMFilterParser.error("control character in a string at offset \(index)")
            }
            index += 1
        }
        throw SCIMFilterParser.error("unterminated string starting at offset \(start)")
    }
}
