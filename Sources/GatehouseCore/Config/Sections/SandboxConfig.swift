/// The `sandbox` section: where sandboxes may write, and credentials the egress proxy injects.
public struct SandboxConfig: Sendable, Hashable {
    /// Directories under which a workspace may be (`workspace_roots`). Empty: no workspace may
    /// be bound, since a sandbox started over the API writes as the server's user.
    public var workspaceRoots: [String] = []
    /// Directories under which unpacked image roots may be (`image_roots`); empty: none.
    public var imageRoots: [String] = []
    /// Headers the egress proxy adds to requests to a host (`egress_credentials`): plain HTTP
    /// ones, and HTTPS ones, which the proxy opens with a CA only that sandbox trusts. The
    /// secret never enters the sandbox.
    public var egressCredentials: [EgressCredential] = []

    /// The defaults: no workspace roots, no credentials.
    public init() {}
}

/// One credential injected at the egress proxy.
public struct EgressCredential: Sendable, Hashable {
    /// The host it is for (exact, lower-case).
    public var host: String
    /// The header name, such as `Authorization`.
    public var header: String
    /// The header value, as a secret reference.
    public var value: SecretRef
    /// A PEM file of authorities trusted for this host besides the system's (`ca_file`), for a
    /// host with a private CA. The proxy verifies the host before it sends the credential.
    public var caFile: String?

    /// Creates a credential.
    public init(host: String, header: String, value: SecretRef, caFile: String? = nil) {
        self.host = host
        self.header = header
        self.value = value
        self.caFile = caFile
    }
}
