import GatehouseCore

/// The `script` toolset: each ``ScriptTool`` is one tool, run with `/bin/sh -c` in the sandbox
/// with its arguments as environment variables `NAME=value`.
public struct ScriptToolbox: AgentToolbox {
    /// The scripts, by tool name.
    public let scripts: [ScriptTool]
    /// Runs the commands.
    public let runner: any WorkspaceRunner
    /// How long one run may take.
    public var timeout: Duration

    /// A toolbox offering `scripts`, run through `runner` for at most `timeout` each.
    public init(scripts: [ScriptTool], runner: any WorkspaceRunner, timeout: Duration = .seconds(120)) {
        self.scripts = scripts
        self.runner = runner
        self.timeout = timeout
    }

    /// One tool per script.
    public func tools() -> [ToolDefinition] {
        scripts.map(\.definition)
    }

    /// Runs the script the call names.
    public func call(_ invocation: ToolInvocation) async throws -> ToolOutput {
        guard let script = scripts.first(where: { $0.name == invocation.name }) else {
            return .unknownTool(invocation.name)
        }
        return try await ToolOutput.guarding {
            let environment = try Self.environment(script, ToolArguments(invocation))
            let folder = try WorkspacePath(script.workingDirectory ?? ".")
            let result = try await runner.run(
                ["/bin/sh", "-c", script.command], input: nil, environment: environment,
                workingDirectory: folder.isRoot ? nil : folder.relative, timeout: timeout)
            return result.answer(timeout: timeout)
        }
    }

    /// The script's environment plus one variable per passed argument; unknown arguments, missing
    /// required ones and names that cannot be variables fail.
    static func environment(_ script: ScriptTool, _ arguments: ToolArguments) throws(ToolFailure) -> [String: String] {
        let declared = Set(script.arguments.map(\.name))
        if let unknown = arguments.values.keys.sorted().first(where: { !declared.contains($0) }) {
            throw ToolFailure("unknown argument '\(unknown)' for '\(script.name)'")
        }
        if let missing = script.required.first(where: { arguments.value($0) == nil }) {
            throw arguments.missing(missing)
        }
        var environment = script.environment
        for (name, value) in arguments.values where value != .null {
            guard ScriptArgument.isValidName(name) else {
                throw ToolFailure("argument '\(name)' of '\(script.name)' cannot be an environment variable name")
            }
            environment[name] = value.stringValue ?? value.text
        }
        return environment
    }
}
