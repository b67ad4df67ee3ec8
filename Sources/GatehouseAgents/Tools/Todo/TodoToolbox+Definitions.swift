import GatehouseCore

extension TodoToolbox {
    /// The definitions of the todo tools, with docker-agent's names and argument schemas.
    static let definitions: [ToolDefinition] = [
        ToolDefinition(
            name: "create_todo", description: "Create a new todo item with a description",
            parameters: ToolSchema.object(
                ["description": ToolSchema.string("Description of the todo item")], required: ["description"]),
            readOnly: true),
        ToolDefinition(
            name: "create_todos", description: "Create a list of new todo items with descriptions",
            parameters: ToolSchema.object(
                ["descriptions": ToolSchema.strings("Descriptions of the todo items")], required: ["descriptions"]),
            readOnly: true),
        ToolDefinition(
            name: "update_todos",
            description: "Update the status of one or more todo items (pending, in-progress or completed)",
            parameters: ToolSchema.object(
                [
                    "updates": ToolSchema.objects(
                        [
                            "id": ToolSchema.string("ID of the todo item"),
                            "status": ToolSchema.enumeration(
                                Todo.Status.allCases.map(\.rawValue), "New status of the todo item"),
                        ], "The updates to apply")
                ], required: ["updates"]),
            readOnly: true),
        ToolDefinition(
            name: "list_todos", description: "List all current todos with their status",
            parameters: ToolSchema.object(), readOnly: true),
    ]
}
