/// Decoding of HTML text and attributes.
enum HTMLText {
    private static let named: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " ", "copy": "©", "reg": "®",
        "mdash": "—", "ndash": "–", "hellip": "…", "laquo": "«", "raquo": "»", "rsquo": "’", "lsquo": "‘",
        "rdquo": "”", "ldquo": "“",
    ]

    /// `bytes` as text with character references (`&amp;`, `&#39;`, `&#x27;`, …) decoded; unknown
    /// or malformed ones are kept as they are.
    static func decode(_ bytes: ArraySlice<UInt8>) -> String {
        let text = String(decoding: bytes, as: UTF8.self)
        guard text.contains("&") else { return text }
        var result = ""
        var rest = Substring(text)
        while let ampersand = rest.firstIndex(of: "&") {
            result += rest[..<ampersand]
            rest = rest[ampersand...]
            // A reference is at most 10 characters before its `;`, so looking further is never needed.
            let window = rest.dropFirst().prefix(10)
            if let semicolon = window.firstIndex(of: ";"), let decoded = reference(window[..<semicolon]) {
                result += decoded
                rest = rest[rest.index(after: semicolon)...]
            } else {
                result += "&"
                rest = rest.dropFirst()
            }
        }
        return result + rest
    }

    private static func reference(_ name: Substring) -> String? {
        guard name.first == "#" else { return named[String(name)] }
        let digits = name.dropFirst()
        let value: UInt32? =
            digits.first == "x" || digits.first == "X" ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
        guard let value else { return nil }
        return String(Unicode.Scalar(value).map(Character.init) ?? "\u{FFFD}")
    }

    /// The value of attribute `wanted` (lower case) among a tag's attribute bytes, decoded.
    static func attribute(_ wanted: String, in bytes: ArraySlice<UInt8>) -> String? {
        var index = bytes.startIndex
        func isSpace(_ byte: UInt8) -> Bool {
            byte == 0x20 || (0x09...0x0D).contains(byte) || byte == UInt8(ascii: "/")
        }
        while index < bytes.endIndex {
            while index < bytes.endIndex, isSpace(bytes[index]) { index += 1 }
            let nameStart = index
            while index < bytes.endIndex, !isSpace(bytes[index]), bytes[index] != UInt8(ascii: "=") { index += 1 }
            let name = String(decoding: bytes[nameStart..<index], as: UTF8.self).lowercased()
            guard index < bytes.endIndex, bytes[index] == UInt8(ascii: "=") else {
                if index == nameStart { index += 1 }
                continue
            }
            index += 1
            let value: ArraySlice<UInt8>
            if index < bytes.endIndex, bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'") {
                let quote = bytes[index]
                let start = index + 1
                index = bytes[start...].firstIndex(of: quote) ?? bytes.endIndex
                value = bytes[start..<index]
                index = min(index + 1, bytes.endIndex)
            } else {
                let start = index
                while index < bytes.endIndex, !isSpace(bytes[index]) || bytes[index] == UInt8(ascii: "/") { index += 1 }
                value = bytes[start..<index]
            }
            if name == wanted { return decode(value) }
        }
        return nil
    }
}
