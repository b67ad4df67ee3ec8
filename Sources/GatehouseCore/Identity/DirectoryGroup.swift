/// A group in Gatehouse's directory. Its `displayName` is the group name the policy's rules use.
public struct DirectoryGroup: Sendable, Hashable {
    /// The SCIM `id`, assigned by Gatehouse.
    public var id: String
    /// The SCIM `displayName`: the name policy rules match.
    public var displayName: String
    /// The provisioning client's identifier, if it sent one.
    public var externalID: String?
    /// Bumped on every change; the SCIM ETag.
    public var version: Int64
    /// Creation time, microseconds since the epoch.
    public var createdMicros: Int64
    /// Last change, microseconds since the epoch.
    public var modifiedMicros: Int64
    /// The SCIM resource as JSON, without `id`, `meta` and `members`.
    public var document: String
    /// The ids of the member users, sorted and unique.
    public var members: [String]

    /// Creates a group; members are sorted and de-duplicated.
    public init(
        id: String, displayName: String, externalID: String? = nil, version: Int64 = 1, createdMicros: Int64,
        modifiedMicros: Int64, document: String, members: [String] = []
    ) {
        self.id = id
        self.displayName = displayName
        self.externalID = externalID
        self.version = version
        self.createdMicros = createdMicros
        self.modifiedMicros = modifiedMicros
        self.document = document
        self.members = Array(Set(members)).sorted()
    }
}

/// How to find groups without reading the whole directory.
public enum DirectoryGroupLookup: Sendable, Hashable {
    /// Every group, oldest first.
    case all
    /// Groups whose `displayName` equals this, case-insensitively.
    case displayName(String)
    /// Groups whose `externalId` equals this exactly.
    case externalID(String)
    /// Groups that have this user as a member.
    case member(String)
}
