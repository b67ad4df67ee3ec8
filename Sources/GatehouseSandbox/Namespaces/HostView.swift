import Foundation

/// The read-only part of the host a namespace sandbox sees: system directories and a curated
/// `/etc`. Never home directories, `/root`, `/etc/shadow`, SSH keys or other credentials.
enum HostView {
    /// Top-level system directories, bound read-only (or recreated as the symlinks they are).
    static let systemDirectories = ["/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"]

    /// The parts of `/etc` programs need to run: the dynamic linker, alternatives, certificates
    /// of public authorities, name-service and time-zone settings.
    static let etcEntries = [
        "/etc/ld.so.cache", "/etc/ld.so.conf", "/etc/ld.so.conf.d", "/etc/alternatives", "/etc/ssl/certs",
        "/etc/ca-certificates", "/etc/nsswitch.conf", "/etc/localtime", "/etc/protocols", "/etc/services",
        "/etc/mime.types", "/etc/timezone",
    ]

    /// bwrap arguments for the host's system view; `etc` is the prepared `/etc`.
    static func arguments(etc: String, fileManager: FileManager = .default) -> [String] {
        var out: [String] = []
        for path in systemDirectories {
            if let target = try? fileManager.destinationOfSymbolicLink(atPath: path) {
                out += ["--symlink", target, path]
            } else if directoryExists(path, fileManager) {
                out += ["--ro-bind", path, path]
            }
        }
        return out + ["--ro-bind", etc, "/etc"]
    }

    static func directoryExists(_ path: String, _ fileManager: FileManager) -> Bool {
        var isDirectory: ObjCBool = false
        return fileManager.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}
