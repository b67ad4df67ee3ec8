import GatehouseCore

/// One entry of a `script` toolset's `shell:` map: a command line offered as a tool of its own.
public struct ScriptTool: Sendable, Hashable {
    /// The tool's name (the map key).
    public var name: String
    /// What it does, for the model.
    public var description: String
    /// The command line (`cmd`), run with `/bin/sh -c`; the arguments are in its environment.
    public var command: String
    /// The arguments the model may pass (`args`).
    public var arguments: [ScriptArgument]
    /// The names of the arguments that must be passed (`required`).
    public var required: [String]
    /// More environment (`env`).
    public var environment: [String: String]
    /// The working directory (`working_dir`), relative to the workspace root; nil for the root.
    public var workingDirectory: String?

    /// Creates a script tool.
    public init(
        name: String, description: String, command: String, arguments: [ScriptArgument] = [],
        required: [String] = [], environment: [String: String] = [:], workingDirectory: String? = nil
    ) {
        self.name = name
        self.description = description
        self.command = command
        self.arguments = arguments
        self.required = required
        self.environment = environment
        self.workingDirectory = workingDirectory
    }

    /// The tool as offered to the model: `{type: object, properties: args, required}`.
    public var definition: ToolDefinition {
        var properties: [String: JSONValue] = [:]
        for argument in arguments {
            var property: JSONValue = ["type": .string(argument.type)]
            if !argument.description.isEmpty { property["description"] = .string(argument.description) }
            properties[argument.name] = property
        }
        return ToolDefinition(
            name: name, description: description, parameters: ToolSchema.object(properties, required: required))
    }
}

/// One argument of a ``ScriptTool``, passed to the command as the environment variable of its name.
public struct ScriptArgument: Sendable, Hashable {
    /// The name (also the environment variable's).
    public var name: String
    /// Its JSON-schema type (`string` when not given).
    public var type: String
    /// What it is, for the model.
    public var description: String

    /// Creates an argument.
    public init(name: String, type: String = "string", description: String = "") {
        self.name = name
        self.type = type
        self.description = description
    }

    /// Whether `name` can be an environment variable's name: `[A-Za-z_][A-Za-z0-9_]*`.
    public static func isValidName(_ name: String) -> Bool {
        let digits = UInt8(ascii: "0")...UInt8(ascii: "9")
        guard let first = name.utf8.first, !digits.contains(first) else { return false }
        return name.utf8.allSatisfy { byte in
            // `byte | 0x20` folds ASCII upper case letters onto lower case ones.
            byte == UInt8(ascii: "_") || digits.contains(byte)
                || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20)
        }
    }
}
