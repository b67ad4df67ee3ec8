/// Lowercase hexadecimal encoding and strict decoding.
public enum Hex {
    private static let digits: [UInt8] = Array("0123456789abcdef".utf8)

    /// Encodes bytes as lowercase hex.
    public static func encode(_ bytes: some Sequence<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.underestimatedCount * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes hex (either case); nil on odd length or any non-hex character.
    public static func decode(_ text: String) -> [UInt8]? {
        let count = text.utf8.count
        guard count % 2 == 0 else { return nil }
        var out = [UInt8](repeating: 0, count: count / 2)
        let ok = out.withUnsafeMutableBytes { decode(text, into: $0) }
        return ok ? out : nil
    }

    /// Decodes hex filling exactly `buffer`; false when the length or any character is wrong.
    public static func decode(_ text: String, into buffer: UnsafeMutableRawBufferPointer) -> Bool {
        var text = text
        return text.withUTF8 { utf8 in
            guard utf8.count == buffer.count * 2 else { return false }
            var index = 0
            while index < buffer.count {
                guard let high = nibble(utf8[2 * index]), let low = nibble(utf8[2 * index + 1]) else {
                    return false
                }
                buffer[index] = high << 4 | low
                index += 1
            }
            return true
        }
    }

    @inline(__always)
    private static func nibble(_ char: UInt8) -> UInt8? {
        switch char {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): char &- UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): char &- UInt8(ascii: "a") &+ 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): char &- UInt8(ascii: "A") &+ 10
        default: nil
        }
    }
}
