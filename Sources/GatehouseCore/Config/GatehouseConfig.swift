/// The typed contents of a `gatehouse.yaml` file (format version 1), as read by
/// ``ConfigParser``. Every section is optional; `GatehouseConfig()` is what a file holding only
/// `version: 1` means.
public struct GatehouseConfig: Sendable, Hashable {
    /// The format version; always 1.
    public var version: Int
    /// The `server` section.
    public var server: ServerConfig
    /// The `store` section.
    public var store: StoreConfig
    /// The `audit` section.
    public var audit: AuditConfig
    /// The `logging` section.
    public var logging: LoggingConfig
    /// The `bootstrap` section.
    public var bootstrap: BootstrapConfig
    /// The `telemetry` section: OTLP traces and audit log export.
    public var telemetry = TelemetryConfig()
    /// The `identity` section.
    public var identity: IdentityConfig = IdentityConfig()
    /// The `sandbox` section.
    public var sandbox: SandboxConfig = SandboxConfig()
    /// The `registry` section.
    public var registry: RegistryConfig = RegistryConfig()
    /// The `mcp` section.
    public var mcp: MCPConfig = MCPConfig()
    /// Image scanning: background scans, VEX, policies at pull.
    public var scan: ScanConfig = ScanConfig()
    /// Models: engines, upstreams, aliases, prices, budgets and rate limits.
    public var inference: InferenceConfig = InferenceConfig()
    /// The `groups` section: each group's rules, in file order.
    public var groups: [GroupPolicy]

    /// The policy the groups declare.
    public var policy: Policy { Policy(groups: groups) }

    /// Creates a configuration; the defaults are those of a file holding only `version: 1`.
    public init(
        version: Int = 1,
        server: ServerConfig = ServerConfig(),
        store: StoreConfig = StoreConfig(),
        audit: AuditConfig = AuditConfig(),
        logging: LoggingConfig = LoggingConfig(),
        bootstrap: BootstrapConfig = BootstrapConfig(),
        groups: [GroupPolicy] = []
    ) {
        self.version = version
        self.server = server
        self.store = store
        self.audit = audit
        self.logging = logging
        self.bootstrap = bootstrap
        self.groups = groups
    }
}
