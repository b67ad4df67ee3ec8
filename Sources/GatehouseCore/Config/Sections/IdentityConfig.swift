/// The `identity` section: the organisation's OpenID provider, provisioning and sessions.
public struct IdentityConfig: Sendable, Hashable {
    /// Single sign-on through an OpenID provider (`oidc`); nil when not configured.
    public var oidc: OIDCConfig?
    /// Whether a first sign-in creates the person (`jit_provisioning`); SCIM's data wins.
    public var jitProvisioning: Bool
    /// How long a browser session lasts (`session_ttl`), in microseconds.
    public var sessionTTLMicros: Int64
    /// The SCIM bearer token (`scim.token`); nil disables `/scim/v2`.
    public var scimToken: SecretRef?
    /// The groups the SCIM client acts in (`scim.groups`), which the policy's rules name.
    public var scimGroups: [String] = ["scim"]
    /// How a person signing in is matched to a provisioned user (`scim.link`).
    public var link = UserLink()

    /// Whether `/scim/v2` is enabled.
    public var scimEnabled: Bool { scimToken != nil }

    /// Creates the section; the defaults are those of an empty section.
    public init(
        oidc: OIDCConfig? = nil, jitProvisioning: Bool = true, sessionTTLMicros: Int64 = 12 * 3_600 * 1_000_000,
        scimToken: SecretRef? = nil
    ) {
        self.oidc = oidc
        self.jitProvisioning = jitProvisioning
        self.sessionTTLMicros = sessionTTLMicros
        self.scimToken = scimToken
    }
}

/// `identity.oidc`: the relying party's registration at the provider.
public struct OIDCConfig: Sendable, Hashable {
    /// The issuer URL, exactly as the provider's discovery document states it.
    public var issuer: String
    /// The client identifier.
    public var clientID: String
    /// The client secret, as a reference; nil for a public client.
    public var clientSecret: SecretRef?
    /// Requested scopes; always includes `openid`.
    public var scopes: [String]
    /// The ID-token claim that carries group names.
    public var groupsClaim: String
    /// Email domains allowed to sign in; empty allows any.
    public var allowedEmailDomains: [String]

    /// Creates the section.
    public init(
        issuer: String, clientID: String, clientSecret: SecretRef? = nil,
        scopes: [String] = ["openid", "profile", "email"], groupsClaim: String = "groups",
        allowedEmailDomains: [String] = []
    ) {
        self.issuer = issuer
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.scopes = scopes
        self.groupsClaim = groupsClaim
        self.allowedEmailDomains = allowedEmailDomains
    }
}

/// `identity.scim.link`: which user attribute must equal which ID-token claim for a sign-in to
/// be linked to a provisioned user. Never email alone: an address can be reassigned.
public struct UserLink: Sendable, Hashable {
    /// The user attribute compared.
    public enum Attribute: String, Sendable, Hashable, CaseIterable {
        case externalId
        case userName
    }

    /// The SCIM user attribute (`attribute`), `externalId` by default.
    public var attribute: Attribute
    /// The ID-token claim (`claim`), `sub` by default.
    public var claim: String

    /// Creates a rule.
    public init(attribute: Attribute = .externalId, claim: String = "sub") {
        self.attribute = attribute
        self.claim = claim
    }
}
