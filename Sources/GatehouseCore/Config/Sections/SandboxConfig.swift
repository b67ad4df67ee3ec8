/// The `sandbox` section: where sandboxes may write, and credentials the egress proxy injects.
public struct SandboxConfig: Sendable, Hashable {
    /// Directories under which a workspace may be (`workspace_roots`). Empty: no workspace may
    /// be bound, since a sandbox started over the API writes as the server's user.
    public var workspaceRoots: [String] = []
    /// Directories under which unpacked image roots may be (`image_roots`); empty: none.
    public var imageRoots: [String] = []
    /// Headers the egress proxy adds to plain HTTP requests to a host (`egress_credentials`);
    /// the secret never enters the sandbox.
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

    /// Creates a credential.
    public init(host: String, header: String, value: SecretRef) {
        self.host = host
        self.header = header
        self.value = value
    }
}
