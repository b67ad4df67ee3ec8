import Foundation
import GatehouseCore

extension FilesystemToolbox {
    /// Runs `command` at the workspace root.
    func run(_ command: [String], input: Data? = nil) async throws -> CommandResult {
        try await runner.run(command, input: input, environment: [:], workingDirectory: nil, timeout: commandTimeout)
    }

    /// Runs `command` and fails with "cannot `what`: <stderr>" unless it exits 0.
    func runChecked(_ command: [String], input: Data? = nil, _ what: String) async throws -> CommandResult {
        let result = try await run(command, input: input)
        guard result.exitStatus == 0 else { throw Self.failure(result, what) }
        return result
    }

    /// The failure for a command that did not exit 0.
    static func failure(_ result: CommandResult, _ what: String) -> ToolFailure {
        let detail = OutputLimit.text(result.stderr).trimmingCharacters(in: .whitespacesAndNewlines)
        let reason = detail.isEmpty ? "exit status \(result.exitStatus)" : detail
        return ToolFailure("cannot \(what): \(OutputLimit.cap(reason, limit: 4096))")
    }

    /// The paths of argument `name`, all checked before anything runs.
    static func paths(_ arguments: ToolArguments, _ name: String) throws(ToolFailure) -> [WorkspacePath] {
        let raw = try arguments.strings(name)
        guard !raw.isEmpty else { throw ToolFailure("argument '\(name)' must name at least one path") }
        var paths: [WorkspacePath] = []
        for path in raw { paths.append(try WorkspacePath(path)) }
        return paths
    }

    /// The contents of the file at `path`; when `whole`, a file cut by the runner's output limit
    /// fails (an edit must not write back a part), otherwise it ends with a note.
    func contents(of path: WorkspacePath, whole: Bool = false) async throws -> String {
        let result = try await runChecked(["/bin/cat", "--", path.absolute], "read '\(path.display)'")
        if result.truncated, !whole {
            return OutputLimit.text(result.stdout) + "\n[file cut at the sandbox's output limit]"
        }
        guard !result.truncated else {
            throw ToolFailure("'\(path.display)' is larger than the sandbox's output limit")
        }
        return OutputLimit.text(result.stdout)
    }

    /// Replaces the file at `path` with `content`, creating its folder when missing.
    func write(_ content: String, to path: WorkspacePath) async throws {
        guard !path.isRoot else { throw ToolFailure("cannot write to the workspace root, which is a directory") }
        let script = "mkdir -p -- \"$(dirname -- \"$1\")\" && cat > \"$1\""
        _ = try await runChecked(
            ["/bin/sh", "-c", script, "sh", path.absolute], input: Data(content.utf8), "write '\(path.display)'")
    }
}
