import GatehouseAgents
import GatehouseCore
import Testing

@Suite struct ToolFilterTests {
    @Test func onlyListedToolsAreOfferedAndCallable() async throws {
        let filter = ToolFilter(TodoToolbox(), tools: ["list_todos"])
        #expect(try await filter.tools().map(\.name) == ["list_todos"])
        let hidden = try await filter.call(invocation("create_todo", ["description": "x"]))
        #expect(hidden.isError && hidden.text.contains("'create_todo'"))
        let allowed = try await filter.call(invocation("list_todos", [:]))
        #expect(!allowed.isError)
    }
}
