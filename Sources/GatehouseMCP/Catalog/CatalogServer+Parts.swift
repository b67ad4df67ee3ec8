public import GatehouseCore

extension CatalogServer {
    /// A secret the server needs (`secrets[]`), passed to it as an environment variable.
    public struct SecretBinding: Sendable, Hashable {
        /// The secret's name in the secret store, e.g. `github.personal_access_token`.
        public var name: String
        /// The environment variable the value is passed in, e.g. `GITHUB_PERSONAL_ACCESS_TOKEN`.
        public var env: String
        /// Where Gatehouse reads the value (`from`, our extension): a reference `env:NAME` or
        /// `file:PATH`, never the value; nil: the gateway's secret store, by ``name``.
        public var from: String?
        /// An example value for people (docker's `example`).
        public var example: String?
        /// What the secret is (docker's `description`).
        public var description: String?
        /// Whether the server cannot start without it (docker's `required`); nil when unsaid.
        public var required: Bool?

        /// Creates a binding.
        public init(
            name: String, env: String, from: String? = nil, example: String? = nil, description: String? = nil,
            required: Bool? = nil
        ) {
            self.name = name
            self.env = env
            self.from = from
            self.example = example
            self.description = description
            self.required = required
        }
    }

    /// An environment variable (`env[]`). The value may hold `${ENV}` references to the
    /// server's secrets and docker's `{{config.key}}` templates.
    public struct EnvVar: Sendable, Hashable {
        /// The variable's name.
        public var name: String
        /// The value as written.
        public var value: String

        /// Creates a variable.
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// Resource limits (`limits`).
    public struct Limits: Sendable, Hashable {
        /// The memory bound in bytes (`memory: 512M` or a number of bytes).
        public var memoryBytes: Int64?
        /// The most processes and threads (`pids`).
        public var pids: Int?
        /// The CPU share, in CPUs (`cpus: 0.5`).
        public var cpus: Double?
        /// The CPU time an instance may use, in seconds (`cpu_seconds`).
        public var cpuSeconds: Int?
        /// How long one tool call may take, in seconds (`call_timeout_seconds`).
        public var callTimeoutSeconds: Int?

        /// Creates limits; nil fields are the gateway's defaults.
        public init(
            memoryBytes: Int64? = nil, pids: Int? = nil, cpus: Double? = nil, cpuSeconds: Int? = nil,
            callTimeoutSeconds: Int? = nil
        ) {
            self.memoryBytes = memoryBytes
            self.pids = pids
            self.cpus = cpus
            self.cpuSeconds = cpuSeconds
            self.callTimeoutSeconds = callTimeoutSeconds
        }
    }

    /// How many instances of a server may run at once and how long an idle one is kept (`pool`).
    public struct PoolSettings: Sendable, Hashable {
        /// The most instances (`max`, 1...64).
        public var max: Int
        /// How long an idle instance is kept, in seconds (`idle_seconds`); nil: the default.
        public var idleSeconds: Int?

        /// Creates settings.
        public init(max: Int = 1, idleSeconds: Int? = nil) {
            self.max = max
            self.idleSeconds = idleSeconds
        }
    }
}

/// A tool a catalog says a server offers (`tools[]`): metadata for search and policy.
public struct CatalogTool: Sendable, Hashable {
    /// The tool's name, matching `[A-Za-z0-9_.-]{1,128}`.
    public var name: String
    /// What the tool does.
    public var description: String?
    /// MCP tool annotations (`title`, `readOnlyHint`, …), as written.
    public var annotations: JSONValue?
    /// Docker's argument list (`[{name, type, desc, optional}]`), as written.
    public var arguments: JSONValue?
    /// The JSON Schema of the input (`inputSchema`, or docker's `parameters`), as written.
    public var inputSchema: JSONValue?

    /// Creates a tool.
    public init(
        name: String, description: String? = nil, annotations: JSONValue? = nil, arguments: JSONValue? = nil,
        inputSchema: JSONValue? = nil
    ) {
        self.name = name
        self.description = description
        self.annotations = annotations
        self.arguments = arguments
        self.inputSchema = inputSchema
    }

    /// Whether the name is valid: `[A-Za-z0-9_.-]{1,128}`.
    public static func isValidName(_ name: String) -> Bool {
        let scalars = name.unicodeScalars
        return (1...128).contains(scalars.count)
            && scalars.allSatisfy { scalar in
                ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
                    || scalar == "_" || scalar == "." || scalar == "-"
            }
    }
}
