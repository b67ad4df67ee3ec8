import Foundation
import GatehouseAgents
import GatehouseCore
import Testing

@Suite struct FilesystemDirectoryTests {
    private let runner: HostRunner
    private let toolbox: FilesystemToolbox

    init() throws {
        runner = try HostRunner()
        toolbox = FilesystemToolbox(runner: runner)
        for folder in ["src/lib", ".git/objects"] {
            try FileManager.default.createDirectory(atPath: runner.host(folder), withIntermediateDirectories: true)
        }
        for (file, text) in [("src/lib/a.swift", "let needle = 1\n"), ("src/b.txt", "hay\nneedle\n"), ("README", "x")] {
            try text.write(toFile: runner.host(file), atomically: false, encoding: .utf8)
        }
    }

    @Test func directoryTreeIsJSONWithoutGit() async throws {
        let output = try await toolbox.call(invocation("directory_tree", ["path": "."]))
        let tree = try #require(JSONValue.parse(Data(output.text.utf8)))
        let src: JSONValue = [
            "name": "src", "type": "directory",
            "children": [
                ["name": "b.txt", "type": "file"],
                ["name": "lib", "type": "directory", "children": [["name": "a.swift", "type": "file"]]],
            ],
        ]
        #expect(tree == ["name": ".", "type": "directory", "children": [["name": "README", "type": "file"], src]])
    }

    @Test func listDirectoryMarksFilesAndFolders() async throws {
        let output = try await toolbox.call(invocation("list_directory", ["path": "src"]))
        #expect(output.text == "[FILE] b.txt\n[DIR] lib")
    }

    @Test func searchFindsTextWithWorkspaceRelativePaths() async throws {
        let output = try await toolbox.call(
            invocation("search_files_content", ["path": "src", "query": "needle", "excludePatterns": ["*.swift"]]))
        #expect(output.text == "src/b.txt:2:needle\n")
        let none = try await toolbox.call(invocation("search_files_content", ["path": ".", "query": "absent"]))
        #expect(!none.isError && none.text.hasPrefix("No matches"))
        let regex = try await toolbox.call(
            invocation("search_files_content", ["path": ".", "query": "^let [a-z]+", "is_regex": true]))
        #expect(regex.text.contains("a.swift:1:let needle = 1"))
    }

    @Test func createAndRemoveDirectories() async throws {
        _ = try await toolbox.call(invocation("create_directory", ["paths": ["new/deep", "other"]]))
        #expect(FileManager.default.fileExists(atPath: runner.host("new/deep")))
        let removed = try await toolbox.call(invocation("remove_directory", ["paths": ["new", "other"]]))
        #expect(!removed.isError)
        #expect(!FileManager.default.fileExists(atPath: runner.host("new")))
        let root = try await toolbox.call(invocation("remove_directory", ["paths": ["."]]))
        #expect(root.isError)
        let file = try await toolbox.call(invocation("remove_directory", ["paths": ["README"]]))
        #expect(file.isError && FileManager.default.fileExists(atPath: runner.host("README")))
    }
}
