/// The hardened-image facts: a non-root default user, no shell and no package manager in the
/// final filesystem.
public struct HardeningFacts: Sendable, Hashable, Codable {
    /// The config's `User`, `""` when unset (which means root).
    public let user: String
    /// Shells found (paths).
    public let shells: [String]
    /// Package managers found (paths).
    public let packageManagers: [String]

    /// Whether the default user is not root.
    public var nonRoot: Bool {
        let name = user.split(separator: ":").first.map(String.init) ?? ""
        return !name.isEmpty && name != "root" && name != "0"
    }

    static let shellPaths = [
        "bin/sh", "bin/bash", "bin/ash", "bin/dash", "bin/zsh", "bin/busybox", "usr/bin/sh", "usr/bin/bash",
        "usr/bin/dash", "usr/bin/zsh", "usr/bin/busybox",
    ]
    static let packageManagerPaths = [
        "usr/bin/apt", "usr/bin/apt-get", "usr/bin/dpkg", "sbin/apk", "usr/sbin/apk", "usr/bin/yum", "usr/bin/dnf",
        "usr/bin/microdnf", "usr/bin/rpm", "usr/bin/zypper", "usr/bin/pacman",
    ]

    /// The facts of a filesystem and its config's user.
    public init(filesystem: ImageFilesystem, user: String) {
        self.user = user
        shells = Self.shellPaths.filter(filesystem.exists)
        packageManagers = Self.packageManagerPaths.filter(filesystem.exists)
    }

    /// The requirement names (`non_root`, `no_shell`, `no_package_manager`) these facts fail.
    public func failing(_ requirements: [String]) -> [String] {
        requirements.filter { requirement in
            switch requirement {
            case "non_root": !nonRoot
            case "no_shell": !shells.isEmpty
            case "no_package_manager": !packageManagers.isEmpty
            default: true
            }
        }
    }

    /// One line for people: what was found.
    public var summary: String {
        let who = nonRoot ? "runs as \(user)" : "runs as root"
        let shell = shells.isEmpty ? "no shell" : "shell at /\(shells[0])"
        let manager = packageManagers.isEmpty ? "no package manager" : "package manager at /\(packageManagers[0])"
        return "\(who), \(shell), \(manager)"
    }
}
