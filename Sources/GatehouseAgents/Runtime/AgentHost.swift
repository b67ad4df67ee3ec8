public import GatehouseCore

/// What a user answered when asked about a tool call (docker-agent's `resume` confirmations).
public enum Confirmation: Sendable, Hashable {
    /// Run this call.
    case approve
    /// Run every call for the rest of this session (never for delegated sessions).
    case approveSession
    /// Run calls of this tool for the rest of this session.
    case approveTool
    /// Do not run it; the model is told why.
    case reject(String)
}

/// How a delegation happened.
public enum DelegationKind: String, Sendable, Hashable {
    /// `transfer_task`: a child session whose answer returns to the parent.
    case transfer = "transfer_task"
    /// `handoff`: the conversation continues with another agent.
    case handoff
}

/// One delegation, for the decision and its record.
public struct Delegation: Sendable, Hashable {
    /// How.
    public var kind: DelegationKind
    /// The session that delegates.
    public var parentSession: String
    /// The agent that delegates.
    public var fromAgent: String
    /// The agent delegated to.
    public var toAgent: String
    /// The child session (for `transfer_task`; the same session for a handoff).
    public var childSession: String

    /// Creates a delegation.
    public init(kind: DelegationKind, parentSession: String, fromAgent: String, toAgent: String, childSession: String) {
        self.kind = kind
        self.parentSession = parentSession
        self.fromAgent = fromAgent
        self.toAgent = toAgent
        self.childSession = childSession
    }
}

/// The governance around a run, provided by the server: every delegation is a policy decision
/// with an audit record linking parent and child sessions; built-in tool calls pass the policy,
/// the secret scanner and the audit trail like MCP calls do.
public protocol AgentGovernor: Sendable {
    /// Decides and records a delegation; throws a refusal whose message the model is given.
    func authorize(_ delegation: Delegation) async throws
    /// Runs a built-in tool call under the policy (`tool.call` on `agent/TOOLSET/TOOL`), with its
    /// arguments scanned for secrets before and its result after, and records it.
    func govern(
        _ invocation: ToolInvocation, toolset: String, perform: @escaping @Sendable () async throws -> ToolOutput
    ) async throws -> ToolOutput
    /// Records a call the permissions refused (or nobody could approve), under the policy's
    /// audit trail like any refusal.
    func refused(_ invocation: ToolInvocation, toolset: String, reason: String) async
    /// Asks the user about a call; nil when nobody can be asked (a one-shot run).
    func confirm(_ call: ToolCall, session: String, agent: String, reason: String) async -> Confirmation?
}

/// Where a run's sessions are kept; saved after every turn and when the run ends.
public protocol SessionRecorder: Sendable {
    /// Saves the session's current state.
    func save(_ session: AgentSessionState) async
}

/// A toolbox of an agent, with how its calls are governed.
public struct LoadedToolbox: Sendable {
    /// The toolset's kind, for records (`mcp`, `shell`…).
    public var kind: String
    /// The toolbox.
    public var toolbox: any AgentToolbox
    /// Whether its calls already pass the MCP gateway's pipeline (policy, secrets, audit);
    /// built-in ones are governed by ``AgentGovernor/govern(_:toolset:perform:)``.
    public var governedByGateway: Bool
    /// Added to the system prompt.
    public var instruction: String?

    /// Creates a loaded toolbox.
    public init(kind: String, toolbox: any AgentToolbox, governedByGateway: Bool, instruction: String? = nil) {
        self.kind = kind
        self.toolbox = toolbox
        self.governedByGateway = governedByGateway
        self.instruction = instruction
    }
}

/// Builds the toolboxes of an agent for a session (the server binds them to the caller, the
/// workspace and the gateway).
public protocol ToolboxProvider: Sendable {
    /// The toolboxes of `agent`, in its file order.
    func toolboxes(for agent: AgentDefinition, in file: AgentFile, session: String) async throws -> [LoadedToolbox]
    /// Forgets the toolboxes of a session that is over (a delegated child that answered).
    func release(session: String) async
}
