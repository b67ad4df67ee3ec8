/// The closed set of things a principal can ask Gatehouse to do.
///
/// Every layer maps its requests to one of these; the policy decides on them and the audit
/// trail records them. New layers add cases here, never free-form strings.
public enum ActionKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// Ask who the caller is.
    case whoami = "identity.whoami"
    /// Sign in through the identity provider and receive a Gatehouse session or token.
    case login = "identity.login"
    /// Sign out: end one's own session or revoke the CLI's token.
    case logout = "identity.logout"
    /// Create an access token.
    case tokenCreate = "token.create"
    /// List access tokens.
    case tokenList = "token.list"
    /// Revoke an access token.
    case tokenRevoke = "token.revoke"
    /// Read users and groups of the directory (SCIM GET and search).
    case userRead = "user.read"
    /// Create or change a user or group (SCIM POST, PUT, PATCH).
    case userProvision = "user.provision"
    /// Deactivate or delete a user, or delete a group (SCIM); revokes the person's access.
    case userDeprovision = "user.deprovision"
    /// Read audit records.
    case auditRead = "audit.read"
    /// Verify the audit chain.
    case auditVerify = "audit.verify"
    /// Export audit records.
    case auditExport = "audit.export"
    /// Reload or change the configuration and policy.
    case policyChange = "policy.change"
    /// Pull a container image through the registry proxy.
    case imagePull = "image.pull"
    /// Ask what Gatehouse knows and decides about an image (`gatehouse image check`).
    case imageCheck = "image.check"
    /// List the tools of an MCP profile.
    case toolList = "tool.list"
    /// Call an MCP tool.
    case toolCall = "tool.call"
    /// Connect to an MCP profile (resource: the profile's name).
    case toolProfile = "tool.profile"
    /// Import or replace MCP catalogs (resource: the catalog's name).
    case toolCatalog = "tool.catalog"
    /// Use a model for inference.
    case modelUse = "model.use"
    /// Spend tokens against a budget.
    case modelSpend = "model.spend"
    /// Send a request to a remote upstream instead of a local engine (resource:
    /// `UPSTREAM/MODEL`); decided per candidate, so offload needs its own grant.
    case modelOffload = "model.offload"
    /// List the models one may use (`/v1/models`, `/api/tags`, `/api/ps`).
    case modelList = "model.list"
    /// Pull, import or delete models of the model store (resource: the model's name).
    case modelManage = "model.manage"
    /// Read token usage and spend (resource: `self` for one's own, `*` for everyone's).
    case usageRead = "usage.read"
    /// Run an agent of an agent file (resource: the agent's name).
    case agentRun = "agent.run"
    /// Hand a task (`transfer_task`) or the conversation (`handoff`) to another agent (resource:
    /// the agent delegated to); the record links the parent and child sessions.
    case agentDelegate = "agent.delegate"
    /// Read agent sessions (resource: `self` for one's own, `*` for everyone's).
    case agentRead = "agent.read"
    /// Start a sandbox (the resource is the backend that runs it).
    case sandboxStart = "sandbox.start"
    /// List one's sandboxes.
    case sandboxList = "sandbox.list"
    /// Stop and wipe a sandbox.
    case sandboxStop = "sandbox.stop"
    /// Open an egress connection from a sandbox.
    case egressConnect = "egress.connect"
    /// See a page of the web console (the resource is the page: `home`, `overview`, `audit`,
    /// `people`, `spend`, `mcp`, `sandboxes`, `images`, `policy`).
    case consoleView = "console.view"

    /// Every action name, for error messages and suggestions.
    public static var allNames: [String] { allCases.map(\.rawValue) }
}
