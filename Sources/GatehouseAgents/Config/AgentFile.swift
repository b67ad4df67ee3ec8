public import GatehouseCore

/// An agent file: a compatible subset of docker-agent's configuration (version 7), read
/// strictly by ``AgentFileReader``.
public struct AgentFile: Sendable, Hashable {
    /// The file's `version` as written.
    public var version: String
    /// The agents, in file order; `root` is the default, else the first.
    public var agents: [AgentDefinition]
    /// Named models.
    public var models: [String: ModelDefinition]
    /// Named providers.
    public var providers: [String: ProviderDefinition]
    /// Named MCP toolsets, referenced by `ref: NAME`.
    public var mcps: [String: ToolsetDefinition]
    /// Tool permissions for every agent of the file.
    public var permissions: PermissionRules
    /// Who wrote it and what it is.
    public var metadata: AgentMetadata

    /// Creates a file.
    public init(
        version: String, agents: [AgentDefinition], models: [String: ModelDefinition] = [:],
        providers: [String: ProviderDefinition] = [:], mcps: [String: ToolsetDefinition] = [:],
        permissions: PermissionRules = PermissionRules(), metadata: AgentMetadata = AgentMetadata()
    ) {
        self.version = version
        self.agents = agents
        self.models = models
        self.providers = providers
        self.mcps = mcps
        self.permissions = permissions
        self.metadata = metadata
    }

    /// The agent named `name`.
    public func agent(named name: String) -> AgentDefinition? {
        agents.first { $0.name == name }
    }

    /// The agent a run starts with: `root`, else the first.
    public var defaultAgent: AgentDefinition {
        agent(named: "root") ?? agents[0]
    }
}

/// One agent of a file.
public struct AgentDefinition: Sendable, Hashable {
    /// Its name (the key under `agents`).
    public var name: String
    /// The model reference as written: a key of `models`, `provider/model`, or a local model.
    public var model: String
    /// What it does (shown to agents that may delegate to it).
    public var description: String?
    /// Its system prompt.
    public var instruction: String?
    /// Agents it may hand a task to with `transfer_task`.
    public var subAgents: [String] = []
    /// Agents it may hand the conversation to with `handoff`.
    public var handoffs: [String] = []
    /// Its toolsets.
    public var toolsets: [ToolsetDefinition] = []
    /// Whether today's date goes into its system prompt.
    public var addDate = false
    /// Whether the working directory and OS go into its system prompt.
    public var addEnvironmentInfo = false
    /// The most model calls in one turn (nil: the runtime's default).
    public var maxIterations: Int?
    /// The most history messages sent to the model (nil: all that fit).
    public var numHistoryItems: Int?
    /// Named prompts (`/name` in a chat), in file order.
    public var commands: [AgentCommand] = []
    /// Shown when a chat starts.
    public var welcomeMessage: String?

    /// Creates an agent.
    public init(name: String, model: String) {
        self.name = name
        self.model = model
    }
}

/// A named prompt of an agent.
public struct AgentCommand: Sendable, Hashable {
    /// The name (`/name`).
    public var name: String
    /// What it is for.
    public var description: String?
    /// The prompt sent.
    public var instruction: String

    /// Creates a command.
    public init(name: String, description: String? = nil, instruction: String) {
        self.name = name
        self.description = description
        self.instruction = instruction
    }
}

/// A model of a file.
public struct ModelDefinition: Sendable, Hashable {
    /// The provider (`openai`, `anthropic`, `dmr`, a key of `providers`…).
    public var provider: String
    /// The model's name at that provider.
    public var model: String
    /// Sampling temperature.
    public var temperature: Double?
    /// The most tokens to generate per call.
    public var maxTokens: Int?
    /// Nucleus sampling.
    public var topP: Double?
    /// The provider's endpoint as written; never contacted (see ``gatewayModel``).
    public var baseURL: String?
    /// Whether several tool calls may come at once.
    public var parallelToolCalls: Bool?
    /// `provider_opts`; Gatehouse reads `tool_choice` from it.
    public var providerOptions: [String: JSONValue] = [:]

    /// Creates a model.
    public init(provider: String, model: String) {
        self.provider = provider
        self.model = model
    }

    /// The name asked of Gatehouse's model gateway: every call goes through it, whatever the
    /// provider, and the gateway's aliases and policy decide where it runs. Docker Model
    /// Runner's hub namespace (`ai/`) is dropped for `dmr`, as local models are stored without it.
    public var gatewayModel: String {
        if provider == "dmr", model.hasPrefix("ai/") { return String(model.dropFirst(3)) }
        return model
    }
}

/// A provider of a file.
public struct ProviderDefinition: Sendable, Hashable {
    /// `openai_chatcompletions` or `openai_responses`.
    public var apiType: String?
    /// The endpoint as written; never contacted.
    public var baseURL: String?
    /// The name of the environment variable with its key; never read (Gatehouse holds keys).
    public var tokenKey: String?

    /// Creates a provider.
    public init(apiType: String? = nil, baseURL: String? = nil, tokenKey: String? = nil) {
        self.apiType = apiType
        self.baseURL = baseURL
        self.tokenKey = tokenKey
    }
}

/// `metadata`.
public struct AgentMetadata: Sendable, Hashable {
    /// The author.
    public var author: String?
    /// The licence.
    public var license: String?
    /// A description.
    public var description: String?
    /// A readme text.
    public var readme: String?
    /// The file's own version.
    public var version: String?

    /// Creates metadata.
    public init() {}
}
