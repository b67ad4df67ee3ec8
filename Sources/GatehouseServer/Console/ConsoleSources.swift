import GatehouseSandbox
import GatehouseStore

/// What the console's pages read from: the store (audit trail, directory, tokens, usage) and
/// the live parts of this replica (MCP pools, sandboxes, image scans).
struct ConsoleSources: Sendable {
    let store: any GatehouseStore
    /// The configuration in force (budgets, rules, identity settings).
    let config: ConfigHolder
    let verifier: AuditVerifierSource
    let mcp: MCPRuntime
    let sandboxes: SandboxManager
    let scans: ImageScans
    let vulns: VulnDatabase
    /// This replica's running-sandbox samples.
    let sampler: SandboxSampler
    /// Whether sign-in through the identity provider is configured.
    let browserSignIn: Bool
    /// How long a console session lasts (`identity.session_ttl`).
    let sessionTTLMicros: Int64
}
