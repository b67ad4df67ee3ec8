import Foundation
import GatehouseCore

extension FilesystemToolbox {
    /// Lists the entries below the folder `$1`, each as `d <path>` or `f <path>` ended by NUL, paths
    /// starting with `./`; `.git` folders are skipped.
    static let treeScript = """
        cd -- "$1" || exit 2
        find . \\( -type d -name .git -prune \\) -o ! -name . \\( -type d -exec printf 'd %s\\0' {} + \
        -o -exec printf 'f %s\\0' {} + \\)
        """

    /// Lists the entries directly in the folder `$1`, as ``treeScript`` does.
    static let listScript = """
        cd -- "$1" || exit 2
        find . ! -name . -prune \\( -type d -exec printf 'd %s\\0' {} + -o -exec printf 'f %s\\0' {} + \\)
        """

    func directoryTree(_ arguments: ToolArguments) async throws -> ToolOutput {
        let path = try WorkspacePath(try arguments.string("path"))
        let result = try await runChecked(
            ["/bin/sh", "-c", Self.treeScript, "sh", path.absolute], "list '\(path.display)'")
        var tree = DirectoryTree(name: path.isRoot ? "." : String(path.relative.split(separator: "/").last ?? "."))
        for entry in Self.entries(result) { tree.insert(entry.path, isDirectory: entry.isDirectory) }
        var text = tree.json.text
        if result.truncated { text += "\n[listing cut at the sandbox's output limit]" }
        return ToolOutput(OutputLimit.cap(text))
    }

    func listDirectory(_ arguments: ToolArguments) async throws -> ToolOutput {
        let path = try WorkspacePath(try arguments.string("path"))
        let result = try await runChecked(
            ["/bin/sh", "-c", Self.listScript, "sh", path.absolute], "list '\(path.display)'")
        let lines = Self.entries(result).sorted { $0.path.lexicographicallyPrecedes($1.path) }.map { entry in
            "\(entry.isDirectory ? "[DIR]" : "[FILE]") \(entry.path.joined(separator: "/"))"
        }
        let text = lines.isEmpty ? "The directory '\(path.display)' is empty" : lines.joined(separator: "\n")
        return ToolOutput(OutputLimit.cap(text))
    }

    func createDirectories(_ arguments: ToolArguments) async throws -> ToolOutput {
        let paths = try Self.paths(arguments, "paths")
        _ = try await runChecked(["/bin/mkdir", "-p", "--"] + paths.map(\.absolute), "create the directories")
        return ToolOutput("Created \(paths.map(\.display).joined(separator: ", "))")
    }

    /// Removes directories with all they hold; the workspace root is refused.
    func removeDirectories(_ arguments: ToolArguments) async throws -> ToolOutput {
        let paths = try Self.paths(arguments, "paths")
        guard !paths.contains(where: \.isRoot) else { throw ToolFailure("cannot remove the workspace root") }
        let script = """
            for p; do [ -d "$p" ] && [ ! -L "$p" ] || { echo "not a directory: $p" >&2; exit 1; }; done
            rm -rf -- "$@"
            """
        _ = try await runChecked(["/bin/sh", "-c", script, "sh"] + paths.map(\.absolute), "remove the directories")
        return ToolOutput("Removed \(paths.map(\.display).joined(separator: ", "))")
    }

    /// The entries a listing script printed, paths split into parts.
    static func entries(_ result: CommandResult) -> [(path: [String], isDirectory: Bool)] {
        result.stdout.split(separator: 0).compactMap { record -> (path: [String], isDirectory: Bool)? in
            let line = OutputLimit.text(Data(record))
            guard line.count > 2, line.hasPrefix("d ./") || line.hasPrefix("f ./") else { return nil }
            let parts = line.dropFirst(4).split(separator: "/").map(String.init)
            return parts.isEmpty ? nil : (parts, line.hasPrefix("d"))
        }
    }
}
