public import GatehouseCore

/// A tool as offered to the model.
public struct ToolDefinition: Sendable, Hashable {
    /// The name the model calls it by (unique within an agent).
    public var name: String
    /// What it does, for the model.
    public var description: String
    /// Its arguments, as a JSON schema object.
    public var parameters: JSONValue
    /// Whether it only reads (no change to the workspace or the world).
    public var readOnly: Bool

    /// Creates a definition.
    public init(name: String, description: String, parameters: JSONValue, readOnly: Bool = false) {
        self.name = name
        self.description = description
        self.parameters = parameters
        self.readOnly = readOnly
    }

    /// The definition as the model API takes it.
    public var openAI: JSONValue {
        [
            "type": "function",
            "function": ["name": .string(name), "description": .string(description), "parameters": parameters],
        ]
    }
}

/// What a tool call gave back, as the model will read it.
public struct ToolOutput: Sendable, Hashable {
    /// The text of the result.
    public var text: String
    /// Whether the call failed (the model is told so, and may try otherwise).
    public var isError: Bool

    /// Creates an output.
    public init(_ text: String, isError: Bool = false) {
        self.text = text
        self.isError = isError
    }
}

/// One call of a tool, with who asked.
public struct ToolInvocation: Sendable, Hashable {
    /// The tool's name.
    public var name: String
    /// The arguments (a JSON object).
    public var arguments: JSONValue
    /// The model's id for the call.
    public var callID: String
    /// The session that makes the call.
    public var sessionID: String
    /// The agent that makes the call.
    public var agent: String

    /// Creates an invocation.
    public init(name: String, arguments: JSONValue, callID: String, sessionID: String, agent: String) {
        self.name = name
        self.arguments = arguments
        self.callID = callID
        self.sessionID = sessionID
        self.agent = agent
    }
}

/// A toolset as running for one session: what it offers and how to call it.
public protocol AgentToolbox: Sendable {
    /// The tools offered (after the toolset's `tools:` filter).
    func tools() async throws -> [ToolDefinition]
    /// Runs one call. Throws only for failures of the toolbox itself; a tool's own failure is
    /// an output with `isError`.
    func call(_ invocation: ToolInvocation) async throws -> ToolOutput
}
