import GatehouseCore

extension FilesystemToolbox {
    private static let pathNote = " (relative to the workspace root, or absolute under /workspace)"

    private static func pathTool(_ name: String, _ description: String, readOnly: Bool = true) -> ToolDefinition {
        ToolDefinition(
            name: name, description: description,
            parameters: ToolSchema.object(["path": ToolSchema.string("The path" + pathNote)], required: ["path"]),
            readOnly: readOnly)
    }

    private static func pathsTool(_ name: String, _ description: String) -> ToolDefinition {
        ToolDefinition(
            name: name, description: description,
            parameters: ToolSchema.object(["paths": ToolSchema.strings("The paths" + pathNote)], required: ["paths"]))
    }

    /// The definitions of the filesystem tools, with docker-agent's names and argument schemas.
    static let definitions: [ToolDefinition] = [
        pathTool("read_file", "Read the complete contents of a file"),
        ToolDefinition(
            name: "read_multiple_files", description: "Read the contents of several files at once",
            parameters: ToolSchema.object(
                [
                    "paths": ToolSchema.strings("The paths of the files" + pathNote),
                    "json": ToolSchema.boolean("Answer as a JSON array of {path, content} (or {path, error})"),
                ], required: ["paths"]),
            readOnly: true),
        ToolDefinition(
            name: "edit_file",
            description: "Make edits to a text file: each oldText must occur exactly once and is replaced by newText",
            parameters: ToolSchema.object(
                [
                    "path": ToolSchema.string("The file" + pathNote),
                    "edits": ToolSchema.objects(
                        [
                            "oldText": ToolSchema.string("Text to replace (must occur exactly once)"),
                            "newText": ToolSchema.string("Text to put in its place"),
                        ], "The edits, applied in order"),
                ], required: ["path", "edits"])),
        ToolDefinition(
            name: "write_file", description: "Create a file or replace its contents (its folder is created)",
            parameters: ToolSchema.object(
                [
                    "path": ToolSchema.string("The file" + pathNote),
                    "content": ToolSchema.string("The complete new contents"),
                ], required: ["path", "content"])),
        pathTool("directory_tree", "Get a recursive tree of files and directories as JSON (.git is left out)"),
        pathTool("list_directory", "List the files ([FILE]) and directories ([DIR]) directly in a directory"),
        ToolDefinition(
            name: "search_files_content",
            description: "Search the contents of the files below a path for text or a regular expression",
            parameters: ToolSchema.object(
                [
                    "path": ToolSchema.string("Where to search" + pathNote),
                    "query": ToolSchema.string("The text (or, with is_regex, extended regular expression) to find"),
                    "is_regex": ToolSchema.boolean("Whether query is a regular expression"),
                    "excludePatterns": ToolSchema.strings("Glob patterns of file or folder names to skip"),
                ], required: ["path", "query"]),
            readOnly: true),
        pathsTool("create_directory", "Create one or more directories (with their parents)"),
        pathsTool("remove_directory", "Remove one or more directories with everything in them"),
    ]
}
