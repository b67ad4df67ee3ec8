/// What the gateway serves and how: the catalog, the profiles, pool defaults and the secret
/// scanning of results.
public struct GatewaySettings: Sendable {
    /// What to do when a tool result carries a secret.
    public enum ResultScan: String, Sendable, Hashable, CaseIterable {
        /// The whole result is withheld; the client gets an error.
        case block
        /// Each secret is replaced by `[REDACTED:rule]`; the rest of the result goes through.
        case redact
    }

    /// The servers.
    public var catalog: MCPCatalog
    /// The profiles, by name.
    public var profiles: [String: MCPProfile]
    /// Pool limits for servers whose catalog entry sets none.
    public var pool: PoolSettings
    /// Results with secrets.
    public var resultScan: ResultScan
    /// Above this many tools, `tools/list` offers the search meta-tool in their place.
    public var toolListLimit: Int
    /// User-defined steps around each call, in order.
    public var interceptors: [InterceptorSpec]

    /// Creates settings.
    public init(
        catalog: MCPCatalog, profiles: [MCPProfile], pool: PoolSettings = PoolSettings(),
        resultScan: ResultScan = .redact, toolListLimit: Int = 64, interceptors: [InterceptorSpec] = []
    ) {
        self.catalog = catalog
        self.profiles = Dictionary(profiles.map { ($0.name, $0) }, uniquingKeysWith: { _, last in last })
        self.pool = pool
        self.resultScan = resultScan
        self.toolListLimit = toolListLimit
        self.interceptors = interceptors
    }

    /// The catalog server called `name`.
    public func server(_ name: String) -> CatalogServer? {
        catalog.servers.first { $0.name == name }
    }

    /// Pool limits for `server`: its catalog entry's, else the defaults.
    func poolSettings(for server: CatalogServer) -> PoolSettings {
        var settings = pool
        if let own = server.pool {
            settings.maxSessions = max(1, own.max)
            if let idle = own.idleSeconds { settings.idleSeconds = max(1, idle) }
        }
        if let seconds = server.limits?.callTimeoutSeconds { settings.callTimeout = .seconds(seconds) }
        return settings
    }
}

/// Who is calling through the gateway, as the front end established it: the profile they
/// connected to (already granted by policy) and the policy's answer for each tool.
public struct MCPCaller: Sendable {
    /// The profile.
    public var profile: MCPProfile
    /// Whether the policy lets the caller call `server/tool` (decided, not audited: listing
    /// uses it to filter; the call itself is decided and audited by the front end).
    public var mayCall: @Sendable (String) -> Bool
    /// Whether the client can answer the server's own requests (sampling, elicitation).
    public var answersServerRequests: Bool

    /// Creates a caller.
    public init(profile: MCPProfile, answersServerRequests: Bool = false, mayCall: @escaping @Sendable (String) -> Bool)
    {
        self.profile = profile
        self.answersServerRequests = answersServerRequests
        self.mayCall = mayCall
    }
}

/// A refusal by a rule of the gateway (the profile, the secret scan, an interceptor): the front
/// end records it as a denial by `rule` and answers with `error`.
public struct ToolRefusal: Error, Sendable {
    /// The rule, such as `profile:dev`, `secret-scan:arguments`.
    public var rule: String
    /// Why, without any secret.
    public var reason: String
    /// What the client gets.
    public var error: RPCError

    /// Creates a refusal.
    public init(rule: String, reason: String, error: RPCError) {
        self.rule = rule
        self.reason = reason
        self.error = error
    }
}
