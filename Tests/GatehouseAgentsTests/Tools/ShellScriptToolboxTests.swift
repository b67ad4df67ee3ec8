import Foundation
import GatehouseAgents
import GatehouseCore
import Testing

@Suite struct ShellToolboxTests {
    private let runner: HostRunner

    init() throws {
        runner = try HostRunner()
    }

    @Test func outputIsStdoutThenStderrAndAFailureNotesTheExitStatus() async throws {
        let shell = ShellToolbox(runner: runner, environment: ["GREETING": "hi"])
        let output = try await shell.call(invocation("shell", ["cmd": "echo $GREETING; echo oops >&2; exit 3"]))
        #expect(output == ToolOutput("hi\noops\n\n[exit status 3]", isError: true))
        let fine = try await shell.call(invocation("shell", ["cmd": "printf ok"]))
        #expect(fine == ToolOutput("ok"))
    }

    @Test func timeoutAndWorkingDirectoryReachTheRunner() async throws {
        try FileManager.default.createDirectory(atPath: runner.host("sub"), withIntermediateDirectories: true)
        let shell = ShellToolbox(runner: runner)
        let output = try await shell.call(invocation("shell", ["cmd": "pwd", "cwd": "sub", "timeout": 5]))
        #expect(output.text.hasSuffix("/sub\n"))
        _ = try await shell.call(invocation("shell", ["cmd": "true"]))
        #expect(runner.ran.map(\.timeout) == [.seconds(5), .seconds(30)])
        #expect(runner.ran.map(\.workingDirectory) == ["sub", nil])
    }

    @Test func outOfRangeTimeoutsAndEscapingFoldersAreRefusedUnrun() async throws {
        let shell = ShellToolbox(runner: runner)
        let long = try await shell.call(invocation("shell", ["cmd": "true", "timeout": 601]))
        #expect(long.isError && long.text.contains("'timeout'"))
        let escape = try await shell.call(invocation("shell", ["cmd": "true", "cwd": "../.."]))
        #expect(escape.isError)
        #expect(runner.ran.isEmpty)
    }

    @Test func aTimedOutCommandSaysSo() async throws {
        let result = CommandResult(exitStatus: 124, stdout: Data(), stderr: Data())
        let shell = ShellToolbox(runner: FixedRunner(result: result))
        let output = try await shell.call(invocation("shell", ["cmd": "sleep 100", "timeout": 2]))
        #expect(output.isError && output.text.contains("timed out after 2 seconds"))
    }
}

@Suite struct ScriptToolboxTests {
    private let runner: HostRunner
    private let toolbox: ScriptToolbox

    init() throws {
        runner = try HostRunner()
        let greet = ScriptTool(
            name: "greet", description: "Greets", command: "echo \"$PREFIX $NAME ($COUNT)\"",
            arguments: [ScriptArgument(name: "NAME"), ScriptArgument(name: "COUNT", type: "integer")],
            required: ["NAME"], environment: ["PREFIX": "hello"])
        toolbox = ScriptToolbox(scripts: [greet], runner: runner)
    }

    @Test func argumentsArePassedAsEnvironmentVariables() async throws {
        let output = try await toolbox.call(invocation("greet", ["NAME": "Ada", "COUNT": 2]))
        #expect(output == ToolOutput("hello Ada (2)\n"))
        #expect(runner.ran.first?.command == ["/bin/sh", "-c", "echo \"$PREFIX $NAME ($COUNT)\""])
    }

    @Test func missingRequiredAndUnknownArgumentsAreErrorsUnrun() async throws {
        let missing = try await toolbox.call(invocation("greet", ["COUNT": 1]))
        #expect(missing == ToolOutput("missing required argument 'NAME'", isError: true))
        let unknown = try await toolbox.call(invocation("greet", ["NAME": "x", "PATH": "/evil"]))
        #expect(unknown.isError && unknown.text.contains("'PATH'"))
        #expect(runner.ran.isEmpty)
    }

    @Test func definitionsFollowTheScriptsArguments() {
        let definition = toolbox.tools()[0]
        #expect(definition.name == "greet")
        #expect(definition.parameters["properties"]?["COUNT"]?["type"] == "integer")
        #expect(definition.parameters["required"] == ["NAME"])
    }

    @Test(arguments: [("NAME_1", true), ("_x", true), ("1A", false), ("A-B", false), ("", false), ("É", false)])
    func environmentNamesAreChecked(name: String, valid: Bool) {
        #expect(ScriptArgument.isValidName(name) == valid)
    }
}

/// A runner that answers every command with one result.
struct FixedRunner: WorkspaceRunner {
    let result: CommandResult
    var workspace: String { "/nowhere" }

    func run(
        _ command: [String], input: Data?, environment: [String: String], workingDirectory: String?,
        timeout: Duration
    ) async throws -> CommandResult {
        result
    }
}
