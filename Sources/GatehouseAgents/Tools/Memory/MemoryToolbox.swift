import Foundation
import GatehouseCore

/// The `memory` toolset: `add_memory`, `get_memories`, `delete_memory`, `search_memories` and
/// `update_memory`, over a JSON file that lasts across sessions (and server processes).
public struct MemoryToolbox: AgentToolbox {
    private let store: MemoryStore

    /// A toolbox over the JSON file at `file` (created, with its folder, on first use).
    public init(file: String) {
        self.store = MemoryStore(path: file)
    }

    /// The JSON file.
    public var file: String { store.path }

    /// The five memory tools.
    public func tools() -> [ToolDefinition] {
        Self.definitions
    }

    /// Runs one memory tool. Fails (throws) only when the file cannot be read or written.
    public func call(_ invocation: ToolInvocation) async throws -> ToolOutput {
        try await ToolOutput.dispatch(
            invocation,
            to: [
                "add_memory": add, "get_memories": all, "delete_memory": delete, "search_memories": search,
                "update_memory": update,
            ])
    }

    private func all(_: ToolArguments) async throws -> ToolOutput {
        ToolOutput(Self.listing(try await store.all()))
    }

    private func add(_ arguments: ToolArguments) async throws -> ToolOutput {
        let memory = try arguments.string("memory")
        let category = try arguments.optionalString("category")
        try MemoryStore.check(memory: memory, category: category)
        let created = ISO8601DateFormatter().string(from: Date())
        let id = try await store.change { (file: inout MemoryFile) throws(ToolFailure) in
            guard file.memories.count < MemoryStore.maxMemories else {
                throw ToolFailure("the memory is full (\(MemoryStore.maxMemories) memories); delete some first")
            }
            let entry = MemoryFile.Entry(id: file.nextID, createdAt: created, memory: memory, category: category)
            file.memories.append(entry)
            file.nextID += 1
            return entry.id
        }
        return ToolOutput("Memory added with ID \(id)")
    }

    private func delete(_ arguments: ToolArguments) async throws -> ToolOutput {
        let id = try Self.id(arguments)
        try await store.change { (file: inout MemoryFile) throws(ToolFailure) in
            guard let index = file.memories.firstIndex(where: { $0.id == id }) else { throw Self.notFound(id) }
            file.memories.remove(at: index)
        }
        return ToolOutput("Memory with ID \(id) deleted")
    }

    private func update(_ arguments: ToolArguments) async throws -> ToolOutput {
        let id = try Self.id(arguments)
        let memory = try arguments.string("memory")
        let category = try arguments.optionalString("category")
        try MemoryStore.check(memory: memory, category: category)
        try await store.change { (file: inout MemoryFile) throws(ToolFailure) in
            guard let index = file.memories.firstIndex(where: { $0.id == id }) else { throw Self.notFound(id) }
            file.memories[index].memory = memory
            if let category { file.memories[index].category = category }
        }
        return ToolOutput("Memory with ID \(id) updated")
    }

    private func search(_ arguments: ToolArguments) async throws -> ToolOutput {
        let words = (try arguments.optionalString("query") ?? "").lowercased().split(whereSeparator: \.isWhitespace)
        let category = try arguments.optionalString("category")?.lowercased()
        let found = try await store.all().filter { entry in
            let text = entry.memory.lowercased()
            return words.allSatisfy { text.contains($0) }
                && (category == nil || entry.category?.lowercased() == category)
        }
        return ToolOutput(found.isEmpty ? "No memories found" : Self.listing(found))
    }
}
