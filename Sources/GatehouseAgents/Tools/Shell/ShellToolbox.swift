import GatehouseCore

/// The `shell` toolset's `shell` tool: runs a command line with `/bin/sh -c` in the sandbox,
/// in a folder of the workspace, with the toolset's environment.
public struct ShellToolbox: AgentToolbox {
    /// The longest timeout a call may ask for, in seconds.
    public static let maxTimeout: Int64 = 600
    /// The timeout of a call that names none, in seconds.
    public static let defaultTimeout: Int64 = 30

    /// Runs the commands.
    public let runner: any WorkspaceRunner
    /// The toolset's `env`, given to every command.
    public let environment: [String: String]

    /// A toolbox running commands through `runner` with `environment`.
    public init(runner: any WorkspaceRunner, environment: [String: String] = [:]) {
        self.runner = runner
        self.environment = environment
    }

    /// The `shell` tool.
    public func tools() -> [ToolDefinition] {
        [
            ToolDefinition(
                name: "shell",
                description: """
                    Run a shell command (/bin/sh -c) in the workspace and get its standard output and \
                    standard error. Only the workspace is writable and there is no network.
                    """,
                parameters: ToolSchema.object(
                    [
                        "cmd": ToolSchema.string("The shell command to run"),
                        "cwd": ToolSchema.string(
                            "The working directory, relative to the workspace root (default \".\")"),
                        "timeout": ToolSchema.integer(
                            "Seconds before the command is stopped (default \(Self.defaultTimeout), at most \(Self.maxTimeout))"
                        ),
                    ], required: ["cmd"]))
        ]
    }

    /// Runs one command.
    public func call(_ invocation: ToolInvocation) async throws -> ToolOutput {
        guard invocation.name == "shell" else { return .unknownTool(invocation.name) }
        return try await ToolOutput.guarding {
            let arguments = try ToolArguments(invocation)
            let command = try arguments.string("cmd")
            let folder = try WorkspacePath(try arguments.optionalString("cwd") ?? ".")
            let seconds = try arguments.optionalInteger("timeout") ?? Self.defaultTimeout
            guard (1...Self.maxTimeout).contains(seconds) else {
                throw ToolFailure("argument 'timeout' must be between 1 and \(Self.maxTimeout) seconds")
            }
            let timeout = Duration.seconds(seconds)
            let result = try await runner.run(
                ["/bin/sh", "-c", command], input: nil, environment: environment,
                workingDirectory: folder.isRoot ? nil : folder.relative, timeout: timeout)
            return result.answer(timeout: timeout)
        }
    }
}
