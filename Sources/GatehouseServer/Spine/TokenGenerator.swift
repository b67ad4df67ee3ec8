import GatehouseCore

/// New secrets and identifiers for access tokens, from the system's secure random source.
enum TokenGenerator {
    /// A new token: `gth_` and 43 URL-safe base64 characters (256 bits).
    static func secret() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        var out = "gth_"
        var bits = 0
        var value = 0
        for byte in bytes {
            value = (value << 8) | Int(byte)
            bits += 8
            while bits >= 6 {
                bits -= 6
                out.append(alphabet[(value >> bits) & 0x3f])
            }
        }
        if bits > 0 { out.append(alphabet[(value << (6 - bits)) & 0x3f]) }
        return out
    }

    /// A new public identifier: `tok_` and 16 hex digits.
    static func id() -> String {
        var generator = SystemRandomNumberGenerator()
        return "tok_" + Hex.encode((0..<8).map { _ in UInt8.random(in: 0...255, using: &generator) })
    }
}
