import GatehouseInference

/// Media types of docker-agent's OCI agent artifacts (`pkg/oci/package.go`, `pkg/remote/push.go`).
package enum AgentMediaType {
    /// The manifest: a plain OCI image manifest.
    package static let manifest = DMRMediaType.manifest
    /// The config blob's media type, and the manifest's top-level `artifactType`.
    package static let config = "application/vnd.docker.agent.config.v1+json"
    /// The one layer: the agent file's YAML bytes.
    package static let yaml = "application/yaml"
}

/// Manifest annotation keys docker-agent writes on an agent artifact.
package enum AgentAnnotation {
    /// The version of the program that pushed it (docker-agent's name for it).
    package static let agentVersion = "io.docker.agent.version"
    /// The same, under cagent's older name; a pull accepts either.
    package static let cagentVersion = "io.docker.cagent.version"
    /// When it was pushed, RFC 3339.
    package static let created = "org.opencontainers.image.created"
    /// `OCI artifact containing <file name>`.
    package static let description = "org.opencontainers.image.description"
    /// The agent file's `metadata.author`.
    package static let authors = "org.opencontainers.image.authors"
    /// The agent file's `metadata.license`.
    package static let licenses = "org.opencontainers.image.licenses"
    /// The agent file's `metadata.version`.
    package static let revision = "org.opencontainers.image.revision"
}
