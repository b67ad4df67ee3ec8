import GatehouseCore

extension MemoryToolbox {
    /// The id argument: an integer, or a string of one.
    static func id(_ arguments: ToolArguments) throws(ToolFailure) -> Int64 {
        guard let value = arguments.value("id") else { throw arguments.missing("id") }
        if let id = value.intValue { return id }
        if let text = value.stringValue, let id = Int64(text) { return id }
        throw arguments.wrongType("id", "an integer")
    }

    /// The failure for an id that names no memory.
    static func notFound(_ id: Int64) -> ToolFailure {
        ToolFailure("no memory with ID \(id)")
    }

    /// Memories as the model reads them: a JSON array of `{id, created_at, memory, category}`.
    static func listing(_ entries: [MemoryFile.Entry]) -> String {
        let items: [JSONValue] = entries.map { entry in
            var item: JSONValue = [
                "id": .integer(entry.id), "created_at": .string(entry.createdAt), "memory": .string(entry.memory),
            ]
            if let category = entry.category { item["category"] = .string(category) }
            return item
        }
        return JSONValue.array(items).text
    }

    /// The definitions of the memory tools, with docker-agent's names and argument schemas.
    static let definitions: [ToolDefinition] = [
        ToolDefinition(
            name: "add_memory", description: "Add a new memory to the database",
            parameters: ToolSchema.object(
                [
                    "memory": ToolSchema.string("The memory content to store"),
                    "category": ToolSchema.string("Optional category for the memory"),
                ], required: ["memory"])),
        ToolDefinition(
            name: "get_memories", description: "Retrieve all stored memories",
            parameters: ToolSchema.object(), readOnly: true),
        ToolDefinition(
            name: "delete_memory", description: "Delete a specific memory by ID",
            parameters: ToolSchema.object(
                ["id": ToolSchema.integer("The ID of the memory to delete")], required: ["id"])),
        ToolDefinition(
            name: "search_memories",
            description: "Search memories by keywords (all must occur, case-insensitive) and/or category",
            parameters: ToolSchema.object(
                [
                    "query": ToolSchema.string("Keywords to search for"),
                    "category": ToolSchema.string("Only memories of this category"),
                ]),
            readOnly: true),
        ToolDefinition(
            name: "update_memory", description: "Update the content (and optionally the category) of a memory",
            parameters: ToolSchema.object(
                [
                    "id": ToolSchema.integer("The ID of the memory to update"),
                    "memory": ToolSchema.string("The new memory content"),
                    "category": ToolSchema.string("The new category"),
                ], required: ["id", "memory"])),
    ]
}
