extension Catalogers {
    /// The cataloger named by `path` alone; nil when none (Go binaries are chosen by mode, not path).
    static func kind(forPath path: String) -> CatalogerKind? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard let file = parts.last, !file.isEmpty else { return nil }
        switch path {
        case "etc/os-release", "usr/lib/os-release": return .osRelease
        case "var/lib/dpkg/status": return .dpkg
        case "lib/apk/db/installed": return .apk
        default: break
        }
        if parts.count == 5, path.hasPrefix("var/lib/dpkg/status.d/"), !file.hasSuffix(".md5sums"),
            !file.hasPrefix(".")
        {
            return .dpkg
        }
        if DebianCopyright.packageName(path: path) != nil { return .debianCopyright }
        if isPythonMetadata(parts) { return .python }
        if file == "package-lock.json" || file == "npm-shrinkwrap.json" {
            return parts.contains("node_modules") ? nil : .npmLockfile
        }
        if file == "package.json", isNodeModulesPackage(parts) { return .npmPackage }
        return nil
    }

    /// `…/<x>.dist-info/METADATA`, `…/<x>.egg-info/PKG-INFO`, or a `…/<x>.egg-info` file.
    private static func isPythonMetadata(_ parts: [Substring]) -> Bool {
        guard let file = parts.last else { return false }
        if file.hasSuffix(".egg-info") { return true }
        guard parts.count >= 2 else { return false }
        let directory = parts[parts.count - 2]
        return (file == "METADATA" && directory.hasSuffix(".dist-info"))
            || (file == "PKG-INFO" && directory.hasSuffix(".egg-info"))
    }

    /// `…/node_modules/<name>/package.json` or `…/node_modules/@scope/<name>/package.json`.
    private static func isNodeModulesPackage(_ parts: [Substring]) -> Bool {
        let count = parts.count
        guard count >= 3, !parts[count - 2].hasPrefix("."), !parts[count - 2].hasPrefix("@") else { return false }
        if parts[count - 3] == "node_modules" { return true }
        return count >= 4 && parts[count - 3].hasPrefix("@") && parts[count - 4] == "node_modules"
    }

    /// An executable file large enough to be a Go binary.
    static func isGoCandidate(mode: UInt32, size: Int64) -> Bool {
        mode & 0o111 != 0 && size >= 1024
    }
}
