/// A verified identity: who is making a request and how they proved it.
///
/// A principal is keyed on issuer + subject, never on an email address alone.
public struct Principal: Sendable, Hashable, Codable {
    /// How the caller was authenticated.
    public enum AuthMethod: String, Sendable, Hashable, Codable, CaseIterable {
        /// A browser session created by OIDC single sign-on.
        case ssoSession = "sso_session"
        /// A Gatehouse access token (CLI, agent, service).
        case accessToken = "access_token"
        /// The SCIM provisioning bearer token.
        case scimBearer = "scim_bearer"
        /// The bootstrap local administrator token.
        case localAdmin = "local_admin"
        /// No credential at all; only used to audit refused requests.
        case anonymous
    }

    /// The issuer that vouches for the subject (an OIDC issuer URL, or `gatehouse:local`).
    public var issuer: String
    /// The subject, unique within the issuer.
    public var subject: String
    /// Group names the principal belongs to, sorted and unique.
    public var groups: [String]
    /// How the principal was authenticated.
    public var authMethod: AuthMethod
    /// A human-readable name for logs and consoles; never used for decisions.
    public var displayName: String?

    /// Creates a principal; groups are sorted and de-duplicated.
    public init(
        issuer: String,
        subject: String,
        groups: [String] = [],
        authMethod: AuthMethod,
        displayName: String? = nil
    ) {
        self.issuer = issuer
        self.subject = subject
        self.groups = Array(Set(groups)).sorted()
        self.authMethod = authMethod
        self.displayName = displayName
    }

    /// The issuer Gatehouse uses for identities it creates itself.
    public static let localIssuer = "gatehouse:local"

    /// The caller of a request that carried no valid credential.
    public static let anonymous = Principal(
        issuer: localIssuer, subject: "anonymous", authMethod: .anonymous)

    /// The stable key of this principal: issuer and subject.
    public var key: String { "\(issuer)#\(subject)" }
}
