import Foundation
public import GatehouseCore

extension SandboxSpec {
    /// Throws when the sandbox would see any of `privatePaths` (Gatehouse's data directory, with
    /// its database and signing key, and the sandboxes' own state): a workspace or read-only
    /// path that is one of them, lies inside one or holds one, or an image root that is one or
    /// holds one. An image root inside the data directory (Gatehouse's own unpacked images)
    /// shows only itself and is allowed. Paths are compared after resolving symlinks, so a link
    /// cannot lead around the check; `privatePaths` are resolved by the caller.
    public func checkNotExposing(_ privatePaths: [String]) throws(GatehouseError) {
        func overlapping(_ path: String) -> String? {
            privatePaths.first { path == $0 || path.hasPrefix($0 + "/") || $0.hasPrefix(path + "/") || path == "/" }
        }
        for (kind, path) in [("workspace", workspace)].compactMap({ name, path in path.map { (name, $0) } })
            + readOnlyPaths.map({ ("read-only path", $0) })
        {
            if overlapping(Self.resolved(path)) != nil {
                throw GatehouseError(
                    .badRequest,
                    "the \(kind) \(path) overlaps Gatehouse's own data directory or sandbox state; choose another")
            }
        }
        if case .image(let root) = root {
            let resolved = Self.resolved(root)
            if resolved == "/" || privatePaths.contains(where: { resolved == $0 || $0.hasPrefix(resolved + "/") }) {
                throw GatehouseError(
                    .badRequest, "the image root \(root) holds Gatehouse's own data directory or sandbox state")
            }
        }
    }

    /// `path` absolute, with symlinks resolved and `.`/`..` removed.
    public static func resolved(_ path: String) -> String {
        URL(fileURLWithPath: path).resolvingSymlinksInPath().standardizedFileURL.path
    }
}
