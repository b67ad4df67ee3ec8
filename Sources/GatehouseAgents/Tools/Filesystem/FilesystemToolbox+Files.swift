import Foundation
import GatehouseCore

extension FilesystemToolbox {
    func readFile(_ arguments: ToolArguments) async throws -> ToolOutput {
        let path = try WorkspacePath(try arguments.string("path"))
        return ToolOutput(OutputLimit.cap(try await contents(of: path)))
    }

    func readMultipleFiles(_ arguments: ToolArguments) async throws -> ToolOutput {
        let paths = try Self.paths(arguments, "paths")
        let asJSON = try arguments.flag("json")
        var items: [JSONValue] = []
        var text = ""
        for path in paths {
            do {
                let content = try await contents(of: path)
                items.append(["path": .string(path.display), "content": .string(content)])
                text += "=== \(path.display) ===\n\(content)\n"
            } catch let failure as ToolFailure {
                items.append(["path": .string(path.display), "error": .string(failure.message)])
                text += "=== \(path.display) ===\nError: \(failure.message)\n"
            }
        }
        return ToolOutput(OutputLimit.cap(asJSON ? JSONValue.array(items).text : text))
    }

    func writeFile(_ arguments: ToolArguments) async throws -> ToolOutput {
        let path = try WorkspacePath(try arguments.string("path"))
        let content = try arguments.string("content")
        try await write(content, to: path)
        return ToolOutput("Wrote \(content.utf8.count) bytes to \(path.display)")
    }

    func editFile(_ arguments: ToolArguments) async throws -> ToolOutput {
        let path = try WorkspacePath(try arguments.string("path"))
        let edits = try arguments.objects("edits")
        guard !edits.isEmpty else { throw ToolFailure("argument 'edits' must hold at least one edit") }
        let replacements = try edits.map { edit throws(ToolFailure) in
            (old: try edit.string("oldText"), new: try edit.string("newText"))
        }
        var content = try await contents(of: path, whole: true)
        for (index, replacement) in replacements.enumerated() {
            content = try Self.apply(oldText: replacement.old, newText: replacement.new, to: content, edit: index)
        }
        try await write(content, to: path)
        return ToolOutput("Applied \(edits.count) edit\(edits.count == 1 ? "" : "s") to \(path.display)")
    }

    /// `content` with `oldText`, which must occur exactly once, replaced by `newText`.
    static func apply(oldText: String, newText: String, to content: String, edit index: Int) throws(ToolFailure)
        -> String
    {
        guard !oldText.isEmpty else { throw ToolFailure("edit \(index + 1): oldText must not be empty") }
        guard let first = content.range(of: oldText) else {
            throw ToolFailure("edit \(index + 1): oldText was not found in the file; nothing was changed")
        }
        // Searching again from just after the first match's start also finds overlapping ones.
        if content.range(of: oldText, range: content.index(after: first.lowerBound)..<content.endIndex) != nil {
            throw ToolFailure(
                "edit \(index + 1): oldText occurs more than once; give more context so it is unique. Nothing was changed"
            )
        }
        return content.replacingCharacters(in: first, with: newText)
    }
}
