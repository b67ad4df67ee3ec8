import GatehouseCore

/// A folder's tree, built from listed paths, as docker-agent's `directory_tree` gives it:
/// `{"name", "type": "directory", "children": [...]}`, files as `{"name", "type": "file"}`.
struct DirectoryTree: Sendable {
    /// The entry's name.
    var name: String
    /// Whether it is a folder.
    var isDirectory = true
    /// What it holds, by name.
    var children: [String: DirectoryTree] = [:]

    /// Adds the entry at `path` (parts below this folder), with any folders on the way.
    mutating func insert(_ path: some Collection<String>, isDirectory: Bool) {
        guard let first = path.first else { return }
        let rest = path.dropFirst()
        let directory = !rest.isEmpty || isDirectory
        if children[first] == nil {
            children[first] = DirectoryTree(name: first, isDirectory: directory)
        } else if directory {
            children[first]?.isDirectory = true
        }
        // Mutating through the subscript keeps the child in place (no copy of its children).
        children[first]?.insert(rest, isDirectory: isDirectory)
    }

    /// The tree as JSON, children sorted by name.
    var json: JSONValue {
        guard isDirectory else { return ["name": .string(name), "type": "file"] }
        let sorted = children.keys.sorted().compactMap { children[$0]?.json }
        return ["name": .string(name), "type": "directory", "children": .array(sorted)]
    }
}
