import Foundation
import GatehouseAgents
import GatehouseCore
import Testing

@Suite struct MemoryToolboxTests {
    private let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mem-\(UUID().uuidString)").path

    private var file: String { "\(folder)/nested/memory.json" }

    @Test func memoriesPersistAcrossTwoToolboxesOnTheSameFile() async throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let writer = MemoryToolbox(file: file)
        let added = try await writer.call(invocation("add_memory", ["memory": "likes tea", "category": "taste"]))
        #expect(added.text == "Memory added with ID 1")
        _ = try await writer.call(invocation("add_memory", ["memory": "lives in Lyon"]))
        let reader = MemoryToolbox(file: file)
        _ = try await reader.call(invocation("update_memory", ["id": 2, "memory": "lives in Paris"]))
        let all = try await writer.call(invocation("get_memories", [:]))
        let memories = try #require(JSONValue.parse(Data(all.text.utf8))?.arrayValue)
        #expect(memories.map { $0["memory"]?.stringValue } == ["likes tea", "lives in Paris"])
        let found = try await reader.call(invocation("search_memories", ["query": "TEA"]))
        #expect(found.text.contains("likes tea") && !found.text.contains("Paris"))
        _ = try await reader.call(invocation("delete_memory", ["id": "1"]))
        let left = try await writer.call(invocation("get_memories", [:]))
        #expect(!left.text.contains("likes tea"))
    }

    @Test func writesAreAtomicAndPrivateLeavingNoTemporaryFiles() async throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let toolbox = MemoryToolbox(file: file)
        for index in 0..<5 { _ = try await toolbox.call(invocation("add_memory", ["memory": .string("m\(index)")])) }
        let names = try FileManager.default.contentsOfDirectory(atPath: "\(folder)/nested").sorted()
        #expect(names == ["memory.json", "memory.json.lock"])
        let fileMode = try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int
        let folderMode = try FileManager.default.attributesOfItem(atPath: "\(folder)/nested")[.posixPermissions] as? Int
        #expect(fileMode == 0o600)
        #expect(folderMode == 0o700)
    }

    @Test func concurrentWritesFromTwoToolboxesAreAllKept() async throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let toolboxes = [MemoryToolbox(file: file), MemoryToolbox(file: file)]
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<20 {
                group.addTask {
                    _ = try await toolboxes[index % 2].call(invocation("add_memory", ["memory": .string("m\(index)")]))
                }
            }
            try await group.waitForAll()
        }
        let all = try await toolboxes[0].call(invocation("get_memories", [:]))
        let memories = try #require(JSONValue.parse(Data(all.text.utf8))?.arrayValue)
        #expect(Set(memories.compactMap { $0["memory"]?.stringValue }) == Set((0..<20).map { "m\($0)" }))
        #expect(Set(memories.compactMap { $0["id"]?.intValue }).count == 20)
    }

    @Test func unknownIDsAndOversizedMemoriesAreErrors() async throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let toolbox = MemoryToolbox(file: file)
        let missing = try await toolbox.call(invocation("delete_memory", ["id": 7]))
        #expect(missing.isError && missing.text.contains("7"))
        let big = try await toolbox.call(
            invocation("add_memory", ["memory": .string(String(repeating: "x", count: 9000))]))
        #expect(big.isError && big.text.contains("8192"))
        let wrongType = try await toolbox.call(invocation("add_memory", ["memory": 3]))
        #expect(wrongType.isError && wrongType.text.contains("'memory'"))
    }
}
