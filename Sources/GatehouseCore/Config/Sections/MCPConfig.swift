/// The `mcp` section: the MCP gateway's catalogs, profiles, secrets and limits. Who may use a
/// profile is the policy's (`tool.profile` on the profile's name), as is who may call which tool
/// (`tool.call` on `server/tool`).
public struct MCPConfig: Sendable, Hashable {
    /// Catalog files in docker/mcp-gateway's format or Gatehouse's superset (`catalogs`); later
    /// files win over earlier ones for a server of the same name.
    public var catalogs: [String] = []
    /// Where `gatehouse mcp catalog import` keeps imported catalogs (`catalog_dir`); nil:
    /// `mcp-catalogs` under the data directory. Its files are read after `catalogs`.
    public var catalogDir: String?
    /// The values of catalog secrets, by secret name (`secrets`), as references.
    public var secrets: [String: SecretRef] = [:]
    /// Profiles, by name.
    public var profiles: [MCPProfileConfig] = []
    /// The most processes of one server at once (`pool.max_sessions`), unless its entry says.
    public var maxSessions = 4
    /// Calls one process carries at once before another starts (`pool.calls_per_session`).
    public var callsPerSession = 8
    /// Seconds an idle server process is kept (`pool.idle_seconds`).
    public var idleSeconds = 300
    /// Seconds a call may take (`pool.call_timeout_seconds`).
    public var callTimeoutSeconds = 120
    /// What happens to a result that carries a secret (`results`): `redact` or `block`.
    public var results = "redact"
    /// Above this many tools a client is offered the search meta-tool (`tool_list_limit`).
    public var toolListLimit = 64
    /// Origins of browser clients allowed at `/mcp` (`allowed_origins`); requests from any
    /// other origin are refused (403). Requests without an `Origin` are not from browsers.
    public var allowedOrigins: [String] = []
    /// The weakest isolation a tool server may run with (`isolation`); nil: any backend.
    public var isolation: String?
    /// User-defined interceptors, in order.
    public var interceptors: [MCPInterceptorConfig] = []

    /// The defaults: no catalogs, no profiles.
    public init() {}
}

/// One profile: a named set of servers and tool allow/deny globs over `server/tool`.
public struct MCPProfileConfig: Sendable, Hashable {
    /// The name.
    public var name: String
    /// What it is for.
    public var description: String?
    /// Catalog server names.
    public var servers: [String]
    /// Globs a tool must match (`tools.allow`, default everything).
    public var allow: [String]
    /// Globs that leave a tool out (`tools.deny`).
    public var deny: [String]

    /// Creates a profile.
    public init(
        name: String, description: String? = nil, servers: [String], allow: [String] = ["*"], deny: [String] = []
    ) {
        self.name = name
        self.description = description
        self.servers = servers
        self.allow = allow
        self.deny = deny
    }
}

/// One interceptor: `exec` (argv, run in a sandbox) or `http` (a URL), `before` or `after` calls.
public struct MCPInterceptorConfig: Sendable, Hashable {
    /// Its name (its refusals are recorded as rule `interceptor:NAME`).
    public var name: String
    /// `before` or `after`.
    public var when: String
    /// The command, for `exec`.
    public var exec: [String]?
    /// The URL, for `http`.
    public var http: String?
    /// Globs over `server/tool` (default all).
    public var tools: [String]
    /// Seconds it may take.
    public var timeoutSeconds: Int

    /// Creates an interceptor.
    public init(
        name: String, when: String, exec: [String]? = nil, http: String? = nil, tools: [String] = ["*"],
        timeoutSeconds: Int = 10
    ) {
        self.name = name
        self.when = when
        self.exec = exec
        self.http = http
        self.tools = tools
        self.timeoutSeconds = timeoutSeconds
    }
}
