public import GatehouseCore

/// One MCP tool server of a catalog: how to start or reach it, what it needs, what it may do.
/// Docker's catalog entries (`registry.NAME`) read as these, plus Gatehouse's own keys
/// (`type: command`, `paths`, `workdir`, `limits`, `pool`, `isolation`).
public struct CatalogServer: Sendable, Hashable {
    /// How the server runs.
    public enum Kind: Sendable, Hashable {
        /// Gatehouse's `type: command`: this argv runs in a sandbox.
        case command([String])
        /// Docker's `type: server` (the default when `image` is set): the image runs as a
        /// container, `arguments` (docker's `command`) passed to it.
        case image(reference: String, arguments: [String])
        /// Docker's `type: remote`: an MCP server reached over streamable HTTP. Header values
        /// may hold `${ENV}` references to the server's secrets.
        case remote(url: String, transport: RemoteTransport, headers: [String: String])
    }

    /// How a remote server is reached. Only streamable HTTP is supported (SSE is refused).
    public enum RemoteTransport: String, Sendable, Hashable, CaseIterable {
        /// Streamable HTTP (`transport_type` `http`, `streamable`, `streaming` or
        /// `streamable-http`; also the default).
        case streamableHTTP = "streamable-http"
    }

    /// How strongly a server is isolated (`isolation`).
    public enum Isolation: String, Sendable, Hashable, CaseIterable {
        /// Linux namespaces (the default sandbox).
        case namespaces
        /// gVisor.
        case gvisor
        /// A micro virtual machine.
        case microvm
    }

    /// The name: the key under `registry`, matching `[a-z0-9][a-z0-9._-]{0,62}`.
    public var name: String
    /// How the server runs.
    public var kind: Kind
    /// A title for people.
    public var title: String?
    /// What the server does.
    public var description: String?
    /// The secrets the server needs, each passed as an environment variable.
    public var secrets: [SecretBinding] = []
    /// Environment variables, in file order. Values may hold `${ENV}` references to secrets.
    public var env: [EnvVar] = []
    /// The hosts the server may reach (`host[:port]`, `*.` wildcard prefix allowed).
    public var allowHosts: [String] = []
    /// Whether the server has no network at all.
    public var disableNetwork = false
    /// Whether the server keeps running between calls.
    public var longLived = false
    /// The explicit prefix of the server's tool names (docker's `prefix`), if any.
    public var prefix: String?
    /// The tools the server is known to offer (metadata; the server's own list is authoritative).
    public var tools: [CatalogTool] = []
    /// Docker's configuration schemas (JSON-Schema objects), kept as written.
    public var config: [JSONValue] = []
    /// Docker's volumes, `host:container[:ro]`, always bound read-only.
    public var volumes: [String] = []
    /// Absolute host paths bound read-only at the same place (a virtualenv, a toolchain).
    public var paths: [String] = []
    /// The absolute working directory.
    public var workdir: String?
    /// Resource limits.
    public var limits: Limits?
    /// How many instances may run and how long an idle one is kept.
    public var pool: PoolSettings?
    /// How the server is isolated; nil: the gateway's default.
    public var isolation: Isolation?
    /// Docker's OAuth settings (`providers`, `scopes`), kept as written.
    public var oauth: JSONValue?

    /// The host paths bound read-only into its sandbox, at the same place: `paths`, and the host
    /// side of each of docker's `volumes`.
    public var readOnlyPaths: [String] { paths + volumes.map { String($0.split(separator: ":")[0]) } }

    /// Creates a server; the other properties start empty.
    public init(name: String, kind: Kind) {
        self.name = name
        self.kind = kind
    }

    /// Whether the name is valid: `[a-z0-9][a-z0-9._-]{0,62}`.
    public static func isValidName(_ name: String) -> Bool {
        let scalars = Array(name.unicodeScalars)
        guard let first = scalars.first, scalars.count <= 63, isLowerAlphanumeric(first) else { return false }
        return scalars.allSatisfy { isLowerAlphanumeric($0) || $0 == "." || $0 == "_" || $0 == "-" }
    }

    private static func isLowerAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar)
    }
}
