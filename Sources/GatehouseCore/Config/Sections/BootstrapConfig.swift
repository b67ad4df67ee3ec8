/// The `bootstrap` section: how the first administrator gets in, before any identity provider
/// is set up.
public struct BootstrapConfig: Sendable, Hashable {
    /// The bootstrap administrator's token, as a reference (`admin_token`); none disables it.
    public var adminToken: SecretRef?
    /// The groups the bootstrap administrator belongs to (`admin_groups`).
    public var adminGroups: [String]

    /// Creates the section; the defaults are those of an empty section.
    public init(adminToken: SecretRef? = nil, adminGroups: [String] = ["admins"]) {
        self.adminToken = adminToken
        self.adminGroups = adminGroups
    }
}
