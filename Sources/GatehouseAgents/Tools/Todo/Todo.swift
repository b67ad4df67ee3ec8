public import GatehouseCore

/// One item of a ``TodoList``.
public struct Todo: Sendable, Hashable {
    /// Its id (`todo_1`, `todo_2`, …).
    public var id: String
    /// What is to be done.
    public var description: String
    /// How far it is.
    public var status: Status

    /// The state of a todo, as the model names it.
    public enum Status: String, Sendable, Hashable, CaseIterable {
        /// Not started.
        case pending
        /// Being worked on.
        case inProgress = "in-progress"
        /// Done.
        case completed
    }

    /// Creates a todo.
    public init(id: String, description: String, status: Status = .pending) {
        self.id = id
        self.description = description
        self.status = status
    }

    /// The todo as the model reads it: `{"id","description","status"}`.
    public var json: JSONValue {
        ["id": .string(id), "description": .string(description), "status": .string(status.rawValue)]
    }
}

/// The todos of a session (or, for a `shared: true` toolset, of a whole delegation tree).
public actor TodoList {
    /// The todos, in the order they were created.
    public private(set) var todos: [Todo] = []
    private var lastID = 0

    /// An empty list.
    public init() {}

    /// Adds a pending todo for each of `descriptions`; returns them.
    @discardableResult
    public func add(_ descriptions: [String]) -> [Todo] {
        let added = descriptions.map { description in
            lastID += 1
            return Todo(id: "todo_\(lastID)", description: description)
        }
        todos += added
        return added
    }

    /// Sets the status of the todos named in `updates`, all or none: the ids that do not exist are
    /// returned (and nothing is changed) when there are any.
    public func update(_ updates: [(id: String, status: Todo.Status)]) -> [String] {
        let unknown = updates.map(\.id).filter { id in !todos.contains { $0.id == id } }
        guard unknown.isEmpty else { return unknown }
        for update in updates {
            if let index = todos.firstIndex(where: { $0.id == update.id }) { todos[index].status = update.status }
        }
        return []
    }
}
