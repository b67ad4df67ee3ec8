package import Foundation
package import GatehouseCore

#if canImport(Glibc)
    import Glibc
#endif

extension FileIO {
    /// Replaces `path` atomically with `data`: a temporary file in the same directory is written,
    /// fsynced and renamed over `path`, then the directory is fsynced.
    package static func writeAtomically(_ data: Data, to path: String) throws(GatehouseError) {
        let directory = (path as NSString).deletingLastPathComponent
        let temporary = "\(directory)/.tmp-\(UUID().uuidString.lowercased())"
        let output = try open(temporary, O_WRONLY | O_CREAT | O_EXCL, mode: 0o644, what: "create")
        var renamed = false
        defer { if !renamed { unlink(temporary) } }
        do throws(GatehouseError) {
            let bytes = [UInt8](data)
            try writeAll(output, bytes, count: bytes.count, path: temporary)
            guard fsync(output) == 0 else { throw failure("fsync", temporary) }
        } catch {
            _ = close(output)
            throw error
        }
        _ = close(output)
        try rename(temporary, to: path)
        renamed = true
        syncDirectory(directory)
    }

    /// Renames `source` to `destination` (same file system), replacing it.
    package static func rename(_ source: String, to destination: String) throws(GatehouseError) {
        guard Glibc.rename(source, destination) == 0 else { throw failure("rename \(source) to", destination) }
    }

    /// Fsyncs a directory so a rename in it survives a crash; best effort.
    package static func syncDirectory(_ path: String) {
        let descriptor = Glibc.open(path, O_RDONLY | O_DIRECTORY)
        guard descriptor >= 0 else { return }
        _ = fsync(descriptor)
        _ = close(descriptor)
    }
}
