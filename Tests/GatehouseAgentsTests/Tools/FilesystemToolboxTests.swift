import Foundation
import GatehouseAgents
import GatehouseCore
import Testing

@Suite struct FilesystemToolboxTests {
    private let runner: HostRunner
    private let toolbox: FilesystemToolbox

    init() throws {
        runner = try HostRunner()
        toolbox = FilesystemToolbox(runner: runner)
    }

    private func contents(_ relative: String) throws -> String {
        try String(contentsOfFile: runner.host(relative), encoding: .utf8)
    }

    @Test func writeThenReadARealFileCreatingItsFolder() async throws {
        let written = try await toolbox.call(invocation("write_file", ["path": "src/a.txt", "content": "héllo\n"]))
        #expect(!written.isError)
        #expect(try contents("src/a.txt") == "héllo\n")
        let read = try await toolbox.call(invocation("read_file", ["path": "/workspace/src/a.txt"]))
        #expect(read == ToolOutput("héllo\n"))
    }

    @Test func aLargeFileIsCutWithANote() async throws {
        try String(repeating: "0123456789abcdef", count: 20_000).write(
            toFile: runner.host("big.txt"), atomically: false, encoding: .utf8)
        let read = try await toolbox.call(invocation("read_file", ["path": "big.txt"]))
        #expect(read.text.hasSuffix("[output cut: 262144 of 320000 bytes shown]"))
        #expect(read.text.utf8.count < 262_144 + 100)
    }

    @Test func readMultipleFilesReportsEachFileAndItsErrors() async throws {
        try "one".write(toFile: runner.host("one.txt"), atomically: false, encoding: .utf8)
        let output = try await toolbox.call(
            invocation("read_multiple_files", ["paths": ["one.txt", "missing.txt"], "json": true]))
        let items = try #require(JSONValue.parse(Data(output.text.utf8))?.arrayValue)
        #expect(items.first?["content"]?.stringValue == "one")
        #expect(items.last?["error"]?.stringValue?.contains("missing.txt") == true)
    }

    @Test func editReplacesEachUniqueOldText() async throws {
        try "let a = 1\nlet b = 2\n".write(toFile: runner.host("main.swift"), atomically: false, encoding: .utf8)
        let output = try await toolbox.call(
            invocation(
                "edit_file",
                [
                    "path": "main.swift",
                    "edits": [["oldText": "a = 1", "newText": "a = 10"], ["oldText": "b = 2", "newText": "b = 20"]],
                ]))
        #expect(!output.isError)
        #expect(try contents("main.swift") == "let a = 10\nlet b = 20\n")
    }

    @Test func editWithANonUniqueOldTextIsRefusedAndChangesNothing() async throws {
        try "x = 1\nx = 1\n".write(toFile: runner.host("dup.txt"), atomically: false, encoding: .utf8)
        let output = try await toolbox.call(
            invocation(
                "edit_file",
                [
                    "path": "dup.txt",
                    "edits": [["oldText": "x", "newText": "y"], ["oldText": "x = 1", "newText": "z"]],
                ]
            ))
        #expect(output.isError)
        #expect(output.text.contains("edit 1") && output.text.contains("more than once"))
        #expect(try contents("dup.txt") == "x = 1\nx = 1\n")
    }

    @Test(arguments: ["../outside.txt", "a/../../outside.txt", "/etc/passwd", "/workspacex/a"])
    func pathsLeavingTheWorkspaceAreRefusedBeforeAnythingRuns(path: String) async throws {
        let read = try await toolbox.call(invocation("read_file", ["path": .string(path)]))
        let write = try await toolbox.call(invocation("write_file", ["path": .string(path), "content": "x"]))
        let create = try await toolbox.call(invocation("create_directory", ["paths": ["ok", .string(path)]]))
        #expect(read.isError && write.isError && create.isError)
        #expect(read.text.contains(path))
        #expect(runner.ran.isEmpty)
    }

    @Test func aMissingOrMistypedArgumentIsNamed() async throws {
        let missing = try await toolbox.call(invocation("write_file", ["path": "a"]))
        #expect(missing == ToolOutput("missing required argument 'content'", isError: true))
        let mistyped = try await toolbox.call(invocation("edit_file", ["path": "a", "edits": [["oldText": 1]]]))
        #expect(mistyped.text.contains("'edits[0].oldText'"))
        #expect(runner.ran.isEmpty)
    }
}
