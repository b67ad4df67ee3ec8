import Foundation
public import GatehouseCore

/// What stays read-only inside the writable workspace, and the checks that keep symlinks from
/// leading out of it.
///
/// `.git/hooks`, `.git/config`, shell start-up files and `.mcp.json` are bound read-only over
/// themselves. One that does not exist yet gets an empty read-only placeholder, so it cannot
/// be created either; a placeholder Gatehouse had to create is removed at teardown. A protected
/// path that is a symlink is refused: following it could bind a secret of the host into the
/// sandbox, and covering it would leave the link itself replaceable.
public struct WorkspaceGuard: Sendable, Hashable {
    /// The workspace, as a real path (no symlinks).
    public let root: String

    /// Files protected in the workspace's top directory.
    static let protectedFiles = [
        ".bashrc", ".bash_profile", ".bash_login", ".profile", ".zshrc", ".zprofile", ".zshenv", ".mcp.json",
    ]

    /// Checks and resolves `workspace`: an existing directory that is not a system directory.
    public init(workspace: String) throws(GatehouseError) {
        let resolved = URL(fileURLWithPath: workspace).resolvingSymlinksInPath().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: resolved, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw GatehouseError(.badRequest, "the workspace \(workspace) is not a directory")
        }
        let forbidden = [
            "/", "/usr", "/etc", "/bin", "/sbin", "/lib", "/lib64", "/boot", "/proc", "/sys", "/dev", "/root", "/home",
            "/var", "/run",
        ]
        guard !forbidden.contains(resolved) else {
            throw GatehouseError(.badRequest, "the workspace cannot be the system directory \(resolved)")
        }
        root = resolved
    }

    /// One read-only bind over a protected path.
    struct Protection: Hashable {
        /// The path inside the workspace, relative.
        let relative: String
        /// Whether the path is (or must become) a directory.
        let directory: Bool
        /// True when the path exists and is bound over itself; false when bwrap creates it as
        /// the mount point of an empty placeholder (removed again at teardown).
        let exists: Bool
    }

    /// The protections for the workspace as it is now.
    func protections() throws(GatehouseError) -> [Protection] {
        let fileManager = FileManager.default
        var out: [Protection] = []
        func add(_ relative: String, directory: Bool) throws(GatehouseError) {
            let path = root + "/" + relative
            guard (try? fileManager.destinationOfSymbolicLink(atPath: path)) == nil else {
                throw GatehouseError(
                    .badRequest, "the workspace's \(relative) is a symlink; Gatehouse will not start a sandbox on it")
            }
            var isDirectory: ObjCBool = false
            let exists = fileManager.fileExists(atPath: path, isDirectory: &isDirectory)
            out.append(
                Protection(relative: relative, directory: exists ? isDirectory.boolValue : directory, exists: exists))
        }
        var gitIsDirectory: ObjCBool = false
        let gitPath = root + "/.git"
        let gitIsLink = (try? fileManager.destinationOfSymbolicLink(atPath: gitPath)) != nil
        if !gitIsLink, fileManager.fileExists(atPath: gitPath, isDirectory: &gitIsDirectory), gitIsDirectory.boolValue {
            try add(".git/hooks", directory: true)
            try add(".git/config", directory: false)
        } else {
            // No repository, or a worktree's .git file: it stays as it is, and no repository
            // (so no hooks) can be made in its place.
            try add(".git", directory: true)
        }
        for file in Self.protectedFiles { try add(file, directory: false) }
        return out
    }

    /// For a backend that binds inside its own guest (the microVM): every protected path, after
    /// creating the missing ones on the host as empty read-only placeholders (`created`, to
    /// remove at teardown with ``removePlaceholder(_:)``).
    func materializedProtections() throws(GatehouseError) -> (paths: [String], created: [String]) {
        // Computed once: a `.git` placeholder would otherwise turn into `.git/hooks` and `.git/config`.
        let all = try protections()
        var created: [String] = []
        for protection in all where !protection.exists {
            let path = root + "/" + protection.relative
            let made =
                protection.directory
                ? mkdir(path, 0o555) == 0
                : FileManager.default.createFile(
                    atPath: path, contents: nil, attributes: [.posixPermissions: 0o444])
            guard made else {
                for earlier in created.reversed() { Self.removePlaceholder(earlier) }
                throw GatehouseError(.sandboxUnavailable, "cannot create the placeholder for \(protection.relative)")
            }
            created.append(path)
        }
        return (all.map(\.relative), created)
    }

    /// Removes a placeholder (a mount point made in the workspace), only while it is still empty.
    static func removePlaceholder(_ path: String) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            rmdir(path)
        } else if (info.st_mode & S_IFMT) == S_IFREG, info.st_size == 0 {
            unlink(path)
        }
    }

    /// Symlinks in the workspace that point outside it (resolved on the host): reported, and
    /// never followed by Gatehouse itself.
    public func escapingSymlinks(limit: Int = 10_000) -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: root) else { return [] }
        var out: [String] = []
        var seen = 0
        while let relative = walker.nextObject() as? String, seen < limit {
            seen += 1
            let path = root + "/" + relative
            guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: path) else { continue }
            let absolute =
                target.hasPrefix("/")
                ? target : URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent(target).path
            let normalized = URL(fileURLWithPath: absolute).standardizedFileURL.path
            if normalized != root && !normalized.hasPrefix(root + "/") { out.append(relative) }
        }
        return out
    }
}
