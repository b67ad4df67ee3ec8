/// One connection a sandbox asks the egress proxy for.
public struct EgressRequest: Sendable, Hashable {
    /// The sandbox asking.
    public var sandboxID: String
    /// The host, as the client named it.
    public var host: String
    /// The port.
    public var port: Int
    /// `CONNECT` (a tunnel, usually TLS) or the HTTP method of a plain request.
    public var method: String
    /// Whether the sandbox's own allowlist lets the host through (checked first: deny-first).
    public var allowlisted: Bool

    /// `host:port`, the audited resource.
    public var resource: String { "\(host):\(port)" }
}

/// What the proxy does with a request: the policy's answer, and headers to add for a plain
/// HTTP request (credentials injected at the proxy, never seen inside the sandbox).
public struct EgressDecision: Sendable, Hashable {
    /// Whether the connection may be made.
    public var allowed: Bool
    /// Why, shown to the sandbox when refused.
    public var reason: String
    /// Headers added to requests to this host: plain HTTP ones, and the first request inside a
    /// TLS tunnel (which the proxy then terminates with the sandbox's own CA).
    public var injectHeaders: [(String, String)] {
        get { headerPairs.map { ($0.name, $0.value) } }
        set { headerPairs = newValue.map { Header(name: $0.0, value: $0.1) } }
    }
    var headerPairs: [Header] = []
    /// PEM files of certificate authorities trusted, besides the system's, when the proxy opens
    /// a TLS connection to inject credentials (for a host with a private CA).
    public var trustFiles: [String] = []

    struct Header: Sendable, Hashable {
        let name: String
        let value: String
    }

    /// Creates a decision.
    public init(allowed: Bool, reason: String, injectHeaders: [(String, String)] = [], trustFiles: [String] = []) {
        self.allowed = allowed
        self.reason = reason
        self.injectHeaders = injectHeaders
        self.trustFiles = trustFiles
    }
}
