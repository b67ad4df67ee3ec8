import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Writes a file atomically: the bytes go to a temporary file beside it, which then takes the
/// file's name in one step (a hard link when the file must not exist yet, a rename otherwise),
/// so no reader ever sees half a file and an existing file is never silently replaced.
enum AgentFileWriter {
    static func write(_ data: Data, to path: String, replace: Bool) throws {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString.prefix(8)).tmp").path
        guard FileManager.default.createFile(atPath: temporary, contents: data, attributes: [.posixPermissions: 0o644])
        else { throw CLIFailure("cannot write \(temporary)") }
        defer { unlink(temporary) }
        if replace {
            guard rename(temporary, path) == 0 else { throw CLIFailure("cannot write \(path): \(reason())") }
        } else {
            guard link(temporary, path) == 0 else {
                if errno == EEXIST { throw CLIFailure("\(path) exists; use --force to replace it") }
                throw CLIFailure("cannot write \(path): \(reason())")
            }
        }
    }

    private static func reason() -> String { String(cString: strerror(errno)) }
}
