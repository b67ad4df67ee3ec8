/// A person in Gatehouse's directory, as provisioned by SCIM or created at first sign-in.
///
/// The SCIM attributes live in `document` (JSON, without `id`, `meta` and `groups`); the
/// columns beside it are the ones the store indexes or enforces.
public struct DirectoryUser: Sendable, Hashable {
    /// The SCIM `id`, assigned by Gatehouse.
    public var id: String
    /// The SCIM `userName`: unique, compared case-insensitively.
    public var userName: String
    /// The provisioning client's identifier, if it sent one.
    public var externalID: String?
    /// False once deprovisioned: the person can neither sign in nor use a token.
    public var active: Bool
    /// Bumped on every change; the SCIM ETag.
    public var version: Int64
    /// Creation time, microseconds since the epoch.
    public var createdMicros: Int64
    /// Last change, microseconds since the epoch.
    public var modifiedMicros: Int64
    /// The SCIM resource as JSON, without `id`, `meta` and `groups`.
    public var document: String
    /// The OpenID identity linked to this person, set at their first sign-in.
    public var link: Link?
    /// Groups named by the provider's groups claim at the last sign-in; used only when SCIM is
    /// not enabled (with SCIM, group memberships come from SCIM).
    public var claimGroups: [String]

    /// An issuer + subject pair identifying the person at the OpenID provider.
    public struct Link: Sendable, Hashable {
        /// The provider's issuer URL.
        public var issuer: String
        /// The subject the provider assigned.
        public var subject: String

        /// Creates a link.
        public init(issuer: String, subject: String) {
            self.issuer = issuer
            self.subject = subject
        }
    }

    /// Creates a user.
    public init(
        id: String, userName: String, externalID: String? = nil, active: Bool = true, version: Int64 = 1,
        createdMicros: Int64, modifiedMicros: Int64, document: String, link: Link? = nil,
        claimGroups: [String] = []
    ) {
        self.id = id
        self.userName = userName
        self.externalID = externalID
        self.active = active
        self.version = version
        self.createdMicros = createdMicros
        self.modifiedMicros = modifiedMicros
        self.document = document
        self.link = link
        self.claimGroups = claimGroups
    }

    /// The case-insensitive uniqueness key of `userName`.
    public static func nameKey(_ userName: String) -> String { userName.lowercased() }
}

/// How to find users without reading the whole directory.
public enum DirectoryUserLookup: Sendable, Hashable {
    /// Every user, oldest first.
    case all
    /// The user whose `userName` equals this, case-insensitively.
    case userName(String)
    /// Users whose `externalId` equals this exactly.
    case externalID(String)
    /// The user linked to this OpenID identity.
    case linked(DirectoryUser.Link)
}
