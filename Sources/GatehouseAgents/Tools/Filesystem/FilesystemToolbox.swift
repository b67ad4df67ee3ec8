import GatehouseCore

/// The `filesystem` toolset. Every operation runs as a command through a ``WorkspaceRunner``,
/// in the sandbox where only the workspace (`/workspace`) is writable; paths are checked to
/// stay in the workspace before anything runs.
public struct FilesystemToolbox: AgentToolbox {
    /// Runs the commands.
    public let runner: any WorkspaceRunner
    /// How long one command may take.
    public var commandTimeout: Duration

    /// A toolbox running its commands through `runner`, each for at most `commandTimeout`.
    public init(runner: any WorkspaceRunner, commandTimeout: Duration = .seconds(60)) {
        self.runner = runner
        self.commandTimeout = commandTimeout
    }

    /// The nine filesystem tools.
    public func tools() -> [ToolDefinition] {
        Self.definitions
    }

    /// Runs one filesystem tool. Throws only when the runner itself fails.
    public func call(_ invocation: ToolInvocation) async throws -> ToolOutput {
        try await ToolOutput.dispatch(
            invocation,
            to: [
                "read_file": readFile, "read_multiple_files": readMultipleFiles, "edit_file": editFile,
                "write_file": writeFile, "directory_tree": directoryTree, "list_directory": listDirectory,
                "search_files_content": searchFilesContent, "create_directory": createDirectories,
                "remove_directory": removeDirectories,
            ])
    }
}
