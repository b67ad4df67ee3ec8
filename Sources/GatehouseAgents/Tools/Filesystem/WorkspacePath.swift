/// A path the model gave, checked to stay inside the workspace, which the sandbox mounts at
/// `/workspace`.
struct WorkspacePath: Sendable, Hashable {
    /// Where the sandbox mounts the workspace.
    static let root = "/workspace"

    /// The path below the root, without `.` or `..`; empty for the root itself.
    let relative: String

    /// Checks `raw`: relative to the workspace root, or absolute under `/workspace`. `.` parts are
    /// dropped and `..` parts resolved; one that would climb above the root is refused, as is
    /// anything outside `/workspace`. Nothing is run to check.
    init(_ raw: String) throws(ToolFailure) {
        guard !raw.contains("\0") else { throw ToolFailure("the path '\(raw)' contains a NUL character") }
        var rest = Substring(raw)
        if rest.hasPrefix("/") {
            guard rest == Self.root || rest.hasPrefix(Self.root + "/") else {
                throw ToolFailure("the path '\(raw)' is outside the workspace (\(Self.root))")
            }
            rest = rest.dropFirst(Self.root.count)
        }
        var parts: [Substring] = []
        for part in rest.split(separator: "/", omittingEmptySubsequences: true) where part != "." {
            guard part == ".." else {
                parts.append(part)
                continue
            }
            guard parts.popLast() != nil else {
                throw ToolFailure("the path '\(raw)' leaves the workspace through '..'")
            }
        }
        relative = parts.joined(separator: "/")
    }

    /// The path as the sandbox sees it (`/workspace/…`).
    var absolute: String { relative.isEmpty ? Self.root : "\(Self.root)/\(relative)" }

    /// The path relative to the root, as shown to the model (`.` for the root).
    var display: String { relative.isEmpty ? "." : relative }

    /// Whether this is the workspace root.
    var isRoot: Bool { relative.isEmpty }
}
