import Foundation
public import GatehouseCore
import JWTKit

/// What a verified ID token says about the person.
public struct VerifiedIDToken: Sendable, Hashable {
    /// The issuer (equal to the configured one).
    public var issuer: String
    /// The subject: with the issuer, the person's stable key.
    public var subject: String
    /// The email address, informative only (never a key).
    public var email: String?
    /// Whether the provider verified the email.
    public var emailVerified: Bool
    /// A display name.
    public var name: String?
    /// The groups from the configured claim.
    public var groups: [String]
    /// Every top-level string claim (such as `preferred_username` or `oid`), for linking the
    /// person to a provisioned user.
    public var stringClaims: [String: String] = [:]

    /// The principal this token proves, authenticated by single sign-on.
    public var principal: Principal {
        Principal(issuer: issuer, subject: subject, groups: groups, authMethod: .ssoSession, displayName: name ?? email)
    }
}

/// The registered claims Gatehouse reads; the signature is checked by jwt-kit, every claim
/// by ``IDTokenVerifier`` so that each failure has its own message.
struct IDTokenPayload: JWTPayload {
    let iss: String
    let sub: String
    let aud: AudienceClaim
    let exp: Double
    let iat: Double
    let nonce: String?
    let azp: String?
    let email: String?
    let emailVerified: Bool?
    let name: String?

    enum CodingKeys: String, CodingKey {
        case iss, sub, aud, exp, iat, nonce, azp, email, name
        case emailVerified = "email_verified"
    }

    func verify(using algorithm: some JWTAlgorithm) async throws {}
}
