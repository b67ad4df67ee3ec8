/// What to run and under which limits.
public struct SandboxSpec: Sendable, Hashable, Codable {
    /// The one writable directory, bound at `/workspace`; nil for none.
    public var workspace: String?
    /// The root file system: the host's system directories (read-only), or an unpacked image.
    public var root: Root = .host
    /// The command and its arguments.
    public var command: [String]
    /// The environment, exactly: nothing is inherited from Gatehouse or the caller's shell.
    public var environment: [String: String] = [:]
    /// The network.
    public var network: Network = .none
    /// Resource limits.
    public var limits = Limits()
    /// Host directories or files bound read-only at the same path (a tool server's virtualenv
    /// or toolchain). Absolute, existing, and never a system or secret location.
    public var readOnlyPaths: [String] = []
    /// The directory the command starts in; nil: the workspace, else `/tmp`.
    public var workingDirectory: String?
    /// Who the command runs as inside (an image's `User`); nil: ``SandboxUser/standard``.
    public var user: SandboxUser?

    /// Where the sandbox's `/` comes from.
    public enum Root: Sendable, Hashable, Codable {
        /// A read-only view of the host's `/usr`, `/bin`, `/lib*`, `/sbin` and a curated part of
        /// `/etc` (never home directories, `/root` or credentials).
        case host
        /// An unpacked image root, read-only.
        case image(String)
    }

    /// The sandbox's network.
    public enum Network: Sendable, Hashable, Codable {
        /// No network at all: only a loopback interface of its own.
        case none
        /// Only Gatehouse's egress proxy, which lets through these hosts (and the policy decides
        /// each connection).
        case proxy(allow: [HostRule])
    }

    /// Limits; nil means the backend's default.
    public struct Limits: Sendable, Hashable, Codable {
        /// Memory in bytes (cgroup); going over is an OOM kill.
        public var memoryBytes: Int64? = 512 << 20
        /// The most processes and threads at once (cgroup).
        public var pids: Int? = 256
        /// CPU seconds (RLIMIT_CPU).
        public var cpuSeconds: Int? = nil
        /// CPU bandwidth in CPUs, such as 0.5 or 2 (a cgroup quota per period; the microVM gets
        /// that many virtual CPUs, rounded up). Nil: no quota.
        public var cpus: Double? = nil
        /// Wall-clock seconds before the sandbox is killed and wiped.
        public var wallSeconds: Int = 600

        /// The defaults: 512 MiB, 256 processes, 10 minutes.
        public init() {}
    }

    /// Creates a spec.
    public init(command: [String], workspace: String? = nil) {
        self.command = command
        self.workspace = workspace
    }
}
