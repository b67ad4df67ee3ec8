import Foundation
import GatehouseCore

extension FilesystemToolbox {
    /// Searches the files below a folder (or one file) with `grep`, as text or an extended regular
    /// expression, skipping `.git`, binary files and the excluded patterns; lines come back as
    /// `path:line:text` with paths relative to the workspace root.
    func searchFilesContent(_ arguments: ToolArguments) async throws -> ToolOutput {
        let path = try WorkspacePath(try arguments.string("path"))
        let query = try arguments.string("query")
        guard !query.isEmpty else { throw ToolFailure("argument 'query' must not be empty") }
        let isRegex = try arguments.flag("is_regex")
        let excluded = arguments.value("excludePatterns") == nil ? [] : try arguments.strings("excludePatterns")
        var command = ["/bin/grep", "-rnI", "--exclude-dir=.git", isRegex ? "-E" : "-F"]
        for pattern in excluded { command += ["--exclude=\(pattern)", "--exclude-dir=\(pattern)"] }
        command += ["-e", query, "--", path.isRoot ? "." : path.relative]
        let result = try await run(command)
        let found = OutputLimit.text(result.stdout)
        switch result.exitStatus {
        case 0 where !result.truncated:
            return ToolOutput(OutputLimit.cap(found))
        case 0:
            return ToolOutput(OutputLimit.cap(found + "\n[matches cut at the sandbox's output limit]"))
        case 1:
            return ToolOutput("No matches found for '\(query)' in \(path.display)")
        default:
            guard !found.isEmpty else { throw Self.failure(result, "search '\(path.display)'") }
            let problems = OutputLimit.cap(OutputLimit.text(result.stderr), limit: 4096)
            return ToolOutput(OutputLimit.cap(found + "\n[some files could not be searched: \(problems)]"))
        }
    }
}
