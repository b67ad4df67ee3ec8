import Foundation
import GatehouseAgents
import GatehouseCore
import Testing

@Suite struct ThinkToolboxTests {
    @Test func thinkAnswersWithEveryThoughtOfTheSession() async throws {
        let think = ThinkToolbox()
        _ = try await think.call(invocation("think", ["thought": "first"]))
        let output = try await think.call(invocation("think", ["thought": "second"]))
        #expect(output == ToolOutput("Thoughts:\nfirst\nsecond"))
        #expect(await think.tools().map(\.readOnly) == [true])
    }

    @Test func thinkWithoutAThoughtNamesTheMissingArgument() async throws {
        let output = try await ThinkToolbox().call(invocation("think", ["idea": "x"]))
        #expect(output.isError)
        #expect(output.text.contains("'thought'"))
    }
}

@Suite struct TodoToolboxTests {
    @Test func todosKeepTheirStateAcrossCallsAndToolboxesSharingAList() async throws {
        let list = TodoList()
        let first = TodoToolbox(list: list)
        let second = TodoToolbox(list: list)
        _ = try await first.call(invocation("create_todos", ["descriptions": ["write", "test"]]))
        let updated = try await second.call(
            invocation("update_todos", ["updates": [["id": "todo_2", "status": "completed"]]]))
        #expect(!updated.isError)
        let listed = try await first.call(invocation("list_todos", [:]))
        let all = try #require(JSONValue.parse(Data(listed.text.utf8))?["all_todos"]?.arrayValue)
        #expect(all.map { $0["status"]?.stringValue } == ["pending", "completed"])
        #expect(listed.text.contains("todo_1"))
        #expect(await list.todos.map(\.status) == [.pending, .completed])
    }

    @Test func aBadStatusOrUnknownIDIsAnErrorAndChangesNothing() async throws {
        let toolbox = TodoToolbox()
        _ = try await toolbox.call(invocation("create_todo", ["description": "one"]))
        let badStatus = try await toolbox.call(
            invocation("update_todos", ["updates": [["id": "todo_1", "status": "done"]]]))
        #expect(badStatus.isError)
        #expect(badStatus.text.contains("'done'"))
        let unknown = try await toolbox.call(
            invocation(
                "update_todos",
                ["updates": [["id": "todo_1", "status": "completed"], ["id": "todo_9", "status": "completed"]]]))
        #expect(unknown.isError)
        #expect(unknown.text.contains("'todo_9'"))
        #expect(await toolbox.list.todos.map(\.status) == [.pending])
    }

    @Test func allTodoToolsAreReadOnlyWithDockerAgentNames() async throws {
        let tools = TodoToolbox().tools()
        #expect(tools.map(\.name) == ["create_todo", "create_todos", "update_todos", "list_todos"])
        #expect(tools.allSatisfy { $0.readOnly })
    }
}
