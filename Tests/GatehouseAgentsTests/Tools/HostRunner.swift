import Foundation
import GatehouseAgents
import GatehouseCore
import GatehouseTestSupport
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// A ``WorkspaceRunner`` for tests: runs the argv on the host with `Process`, in a temporary
/// folder standing in for the workspace (the `/workspace` prefix of each argument is mapped to
/// it), and records every command it ran.
final class HostRunner: WorkspaceRunner {
    let workspace: String
    private let runs = Mutex<[Run]>([])

    /// One command as the runner was asked to run it.
    struct Run: Sendable {
        var command: [String]
        var environment: [String: String]
        var workingDirectory: String?
        var timeout: Duration
    }

    /// A runner over a new, empty temporary workspace.
    init() throws {
        workspace = FileManager.default.temporaryDirectory.appendingPathComponent("ws-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: workspace, withIntermediateDirectories: true)
        signal(SIGPIPE, SIG_IGN)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: workspace)
    }

    /// The commands run so far, as given (before mapping).
    var ran: [Run] { runs.withLock { $0 } }

    /// The host path of `relative` in the workspace.
    func host(_ relative: String) -> String { "\(workspace)/\(relative)" }

    func run(
        _ command: [String], input: Data?, environment: [String: String], workingDirectory: String?,
        timeout: Duration
    ) async throws -> CommandResult {
        runs.withLock {
            $0.append(
                Run(command: command, environment: environment, workingDirectory: workingDirectory, timeout: timeout))
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: command[0])
        process.arguments = command.dropFirst().map(map)
        process.environment = environment.merging(["PATH": "/usr/bin:/bin"]) { own, _ in own }
        process.currentDirectoryURL = URL(fileURLWithPath: workingDirectory.map { host($0) } ?? workspace)
        let stdin = Pipe()
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try ProcessLaunch.run(process)
        if let input, !input.isEmpty { stdin.fileHandleForWriting.write(input) }
        try stdin.fileHandleForWriting.close()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        let errors = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CommandResult(exitStatus: process.terminationStatus, stdout: output, stderr: errors)
    }

    private func map(_ argument: String) -> String {
        guard argument == "/workspace" || argument.hasPrefix("/workspace/") else { return argument }
        return workspace + argument.dropFirst("/workspace".count)
    }
}
