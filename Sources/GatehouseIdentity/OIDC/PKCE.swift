import Crypto
import Foundation
import GatehouseCore

/// Proof Key for Code Exchange (RFC 7636), S256 only, and the other one-time values of a
/// sign-in (state, nonce), from the system's secure random source.
public struct PKCE: Sendable, Hashable {
    /// The secret verifier, kept by Gatehouse.
    public let verifier: String
    /// `BASE64URL(SHA256(verifier))`, sent with the authorization request.
    public var challenge: String { Self.challenge(for: verifier) }

    /// A new verifier of 43 characters (256 bits).
    public init() { verifier = Self.random(bytes: 32) }

    /// Wraps a known verifier.
    public init(verifier: String) { self.verifier = verifier }

    /// The S256 challenge for `verifier`.
    public static func challenge(for verifier: String) -> String {
        Base64URL.encode(Data(SHA256.hash(data: Data(verifier.utf8))))
    }

    /// `count` random bytes as unpadded base64url.
    public static func random(bytes count: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return Base64URL.encode(Data((0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }))
    }
}
