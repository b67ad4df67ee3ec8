import GatehouseCore

/// The `todo` toolset: `create_todo`, `create_todos`, `update_todos` and `list_todos`, over a
/// ``TodoList`` that several toolboxes may share.
public struct TodoToolbox: AgentToolbox {
    /// The list the tools work on.
    public let list: TodoList

    /// A toolbox over `list` (pass one list to several toolboxes for `shared: true`).
    public init(list: TodoList = TodoList()) {
        self.list = list
    }

    /// The four todo tools, all read-only (they change only the list).
    public func tools() -> [ToolDefinition] {
        Self.definitions
    }

    /// Runs one todo tool.
    public func call(_ invocation: ToolInvocation) async throws -> ToolOutput {
        try await ToolOutput.dispatch(
            invocation,
            to: [
                "create_todo": createTodo, "create_todos": createTodos, "update_todos": update, "list_todos": listTodos,
            ])
    }

    private func createTodo(_ arguments: ToolArguments) async throws -> ToolOutput {
        let description = try arguments.string("description")
        return await answer(created: list.add([description]))
    }

    private func createTodos(_ arguments: ToolArguments) async throws -> ToolOutput {
        let descriptions = try arguments.strings("descriptions")
        return await answer(created: list.add(descriptions))
    }

    private func listTodos(_: ToolArguments) async -> ToolOutput {
        await answer()
    }

    private func update(_ arguments: ToolArguments) async throws(ToolFailure) -> ToolOutput {
        var updates: [(id: String, status: Todo.Status)] = []
        for update in try arguments.objects("updates") {
            let id = try update.string("id")
            let status = try update.string("status")
            guard let parsed = Todo.Status(rawValue: status) else {
                let allowed = Todo.Status.allCases.map(\.rawValue).joined(separator: ", ")
                throw ToolFailure("invalid status '\(status)' for todo '\(id)': expected one of \(allowed)")
            }
            updates.append((id, parsed))
        }
        let unknown = await list.update(updates)
        guard unknown.isEmpty else {
            throw ToolFailure(
                "no todo with id \(unknown.map { "'\($0)'" }.joined(separator: ", ")); nothing was updated")
        }
        return await answer(updated: updates.map(\.id))
    }

    /// The answer to every call: what changed, all todos, and a reminder while some are open.
    private func answer(created: [Todo] = [], updated: [String] = []) async -> ToolOutput {
        let todos = await list.todos
        var result: JSONValue = ["all_todos": .array(todos.map(\.json))]
        if !created.isEmpty { result["created"] = .array(created.map(\.json)) }
        if !updated.isEmpty { result["updated"] = .array(updated.map(JSONValue.string)) }
        let open = todos.filter { $0.status != .completed }.map(\.id)
        if !open.isEmpty {
            result["reminder"] = .string(
                "Not yet completed: \(open.joined(separator: ", ")). Update each todo's status as you work on it.")
        }
        return ToolOutput(result.text)
    }
}
