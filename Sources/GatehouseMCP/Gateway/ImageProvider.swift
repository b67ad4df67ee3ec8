public import GatehouseSandbox

/// Makes a catalog server's image ready to run: pulled under the registry's rules (the policy,
/// image classes, signatures, hardening, attestations), unpacked into a root of its own. The
/// server wiring implements it, since those rules and their audit live there.
public protocol ImageProvider: Sendable {
    /// The unpacked image of `server`, whose kind is `image`, with how to run it.
    func prepare(_ server: CatalogServer, reference: String, arguments: [String]) async throws -> PreparedImage
}

/// An image unpacked and checked, ready to be a sandbox's root.
public struct PreparedImage: Sendable, Hashable {
    /// The unpacked root directory (read-only to the sandbox).
    public var root: String
    /// The argv: the image's entrypoint, then the catalog's arguments or else the image's `Cmd`.
    public var command: [String]
    /// The image's own environment (`PATH` and the like), below the catalog's.
    public var environment: [String: String]
    /// The image's working directory, if it names one.
    public var workingDirectory: String?
    /// The digest of the image manifest that was unpacked.
    public var digest: String
    /// Who the server runs as inside its sandbox: the image's `User`, resolved in the image's
    /// own `/etc/passwd`; nil when it names none (Gatehouse's unprivileged user).
    public var user: SandboxUser?

    /// Creates a prepared image.
    public init(
        root: String, command: [String], environment: [String: String], workingDirectory: String?, digest: String,
        user: SandboxUser? = nil
    ) {
        self.root = root
        self.command = command
        self.environment = environment
        self.workingDirectory = workingDirectory
        self.digest = digest
        self.user = user
    }
}
