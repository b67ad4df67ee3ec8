/// A lenient base64 decoder for candidate values: either alphabet (standard or URL-safe),
/// padding optional. Foundation's decoder wants the standard alphabet and exact padding.
enum Base64 {
    private static let table: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (value, char) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8.enumerated() {
            table[Int(char)] = UInt8(value)
        }
        table[Int(UInt8(ascii: "-"))] = 62
        table[Int(UInt8(ascii: "_"))] = 63
        return table
    }()

    /// The bytes `encoded` stands for, or nil if it is not base64 (a foreign character, `=`
    /// anywhere but at the end, or a length that leaves a single dangling character).
    static func decode(_ encoded: some Collection<UInt8>) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(encoded.count * 3 / 4)
        var buffer: UInt32 = 0
        var bits = 0
        var padding = 0
        var symbols = 0
        for char in encoded {
            if char == UInt8(ascii: "=") {
                padding += 1
                continue
            }
            guard padding == 0 else { return nil }
            let value = table[Int(char)]
            guard value != 0xFF else { return nil }
            symbols += 1
            buffer = buffer << 6 | UInt32(value)
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8(truncatingIfNeeded: buffer >> UInt32(bits)))
            }
        }
        guard symbols % 4 != 1, padding <= 2 else { return nil }
        return out
    }
}
