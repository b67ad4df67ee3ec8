import Foundation
import GatehouseCore

/// The protected header of a compact JWS, read before any key is chosen.
struct JWTHeaderPeek: Decodable {
    let alg: String
    let kid: String?

    /// Algorithms accepted for ID tokens: asymmetric only. `none` and the HMAC family (which an
    /// attacker could "sign" with the provider's public key) are refused before verification.
    static let accepted: Set<String> = [
        "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "EdDSA",
    ]

    static let maxTokenBytes = 16 * 1024

    static func read(_ token: String) throws(GatehouseError) -> JWTHeaderPeek {
        guard token.utf8.count <= maxTokenBytes else {
            throw GatehouseError(.unauthenticated, "the ID token is larger than \(maxTokenBytes) bytes")
        }
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let data = Base64URL.decode(parts[0]),
            let header = try? JSONDecoder().decode(JWTHeaderPeek.self, from: data)
        else { throw GatehouseError(.unauthenticated, "the ID token is not a signed JWT") }
        guard accepted.contains(header.alg) else {
            throw GatehouseError(
                .unauthenticated,
                "the ID token is signed with \(header.alg.prefix(16)); only asymmetric algorithms are accepted")
        }
        return header
    }
}
