/// A toolset of an agent (or a named one under `mcps`).
public struct ToolsetDefinition: Sendable, Hashable {
    /// The kinds Gatehouse runs.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case mcp, filesystem, shell, think, todo, memory, fetch, script
    }

    /// The kind.
    public var kind: Kind
    /// Only these tools of the toolset are offered (nil: all).
    public var tools: [String]?
    /// Added to the agent's system prompt.
    public var instruction: String?
    /// `mcp`: a Gatehouse catalog server (`docker:NAME` or `NAME` of `mcps`).
    public var ref: String?
    /// `mcp`: a stdio server's command.
    public var command: String?
    /// `mcp`: its arguments.
    public var args: [String] = []
    /// `mcp`, `shell`, `script`: environment values.
    public var env: [String: String] = [:]
    /// `mcp`: a remote server.
    public var remote: RemoteServer?
    /// `mcp`: the prefix of its tools' names (`name_tool`).
    public var name: String?
    /// `todo`: one list for the whole delegation tree.
    public var shared = false
    /// `memory`: the memory file (relative to the agent's memory folder).
    public var path: String?
    /// `script`: the scripts, in file order.
    public var scripts: [ScriptDefinition] = []
    /// `fetch`: the default timeout in seconds.
    public var timeoutSeconds: Int?

    /// Creates a toolset.
    public init(kind: Kind) {
        self.kind = kind
    }

    /// A remote MCP server.
    public struct RemoteServer: Sendable, Hashable {
        /// Its URL.
        public var url: String
        /// `sse`, `streamable` or `streamable-http`.
        public var transportType: String?
        /// Header names sent (values are references resolved by the server's catalog).
        public var headers: [String: String] = [:]

        /// Creates a remote server.
        public init(url: String) {
            self.url = url
        }
    }
}

/// One script of a `script` toolset.
public struct ScriptDefinition: Sendable, Hashable {
    /// The tool's name.
    public var name: String
    /// The shell command.
    public var command: String
    /// What it does.
    public var description: String?
    /// Its arguments: name, JSON type and description, in file order.
    public var arguments: [ScriptArgumentDefinition] = []
    /// Arguments that must be given.
    public var required: [String] = []
    /// Environment values.
    public var env: [String: String] = [:]
    /// The directory it runs in, relative to the workspace.
    public var workingDirectory: String?

    /// Creates a script.
    public init(name: String, command: String) {
        self.name = name
        self.command = command
    }
}

/// An argument of a script.
public struct ScriptArgumentDefinition: Sendable, Hashable {
    /// Its name (also the environment variable it is passed in).
    public var name: String
    /// Its JSON type (`string` unless written).
    public var type: String
    /// What it is.
    public var description: String?

    /// Creates an argument.
    public init(name: String, type: String = "string", description: String? = nil) {
        self.name = name
        self.type = type
        self.description = description
    }
}
