public import GatehouseCore

/// The user and group ids a sandboxed command runs as, inside its user namespace. Outside,
/// every id is Gatehouse's own unprivileged user (or the invoking user), and capabilities are
/// dropped whatever the id, so an image that names `root` gains nothing over the host.
public struct SandboxUser: Sendable, Hashable, Codable {
    /// The user id inside.
    public var uid: UInt32
    /// The primary group id inside.
    public var gid: UInt32

    /// A user by ids.
    public init(uid: UInt32, gid: UInt32) {
        self.uid = uid
        self.gid = gid
    }

    /// Gatehouse's own unprivileged user, used unless an image names another.
    public static let standard = SandboxUser(uid: 1000, gid: 1000)

    /// The largest id accepted: `(uid_t)-1` means "no change" to the kernel and is refused.
    static let maxID: UInt32 = 0xFFFF_FFFE
}
