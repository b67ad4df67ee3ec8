import GatehouseCore

/// New secrets and identifiers for access tokens, from the system's secure random source.
enum TokenGenerator {
    /// A new token: `gth_` and 43 URL-safe base64 characters (256 bits).
    static func secret() -> String {
        var generator = SystemRandomNumberGenerator()
        return "gth_" + Base64URL.encode((0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) })
    }

    /// A new public identifier: `tok_` and 16 hex digits.
    static func id() -> String {
        var generator = SystemRandomNumberGenerator()
        return "tok_" + Hex.encode((0..<8).map { _ in UInt8.random(in: 0...255, using: &generator) })
    }
}
