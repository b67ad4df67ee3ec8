/// The fields of an OpenID provider's discovery document (`/.well-known/openid-configuration`)
/// that Gatehouse uses.
public struct OIDCProviderMetadata: Codable, Sendable, Hashable {
    /// The issuer identifier; must equal the configured issuer exactly.
    public var issuer: String
    /// Where browsers are sent to sign in.
    public var authorizationEndpoint: String
    /// Where codes are exchanged for tokens.
    public var tokenEndpoint: String
    /// The provider's signing keys.
    public var jwksURI: String
    /// The UserInfo endpoint, when offered.
    public var userinfoEndpoint: String?
    /// The device authorization endpoint (RFC 8628), when supported.
    public var deviceAuthorizationEndpoint: String?
    /// Signing algorithms the provider uses for ID tokens.
    public var idTokenSigningAlgValuesSupported: [String]?

    enum CodingKeys: String, CodingKey {
        case issuer
        case authorizationEndpoint = "authorization_endpoint"
        case tokenEndpoint = "token_endpoint"
        case jwksURI = "jwks_uri"
        case userinfoEndpoint = "userinfo_endpoint"
        case deviceAuthorizationEndpoint = "device_authorization_endpoint"
        case idTokenSigningAlgValuesSupported = "id_token_signing_alg_values_supported"
    }
}
