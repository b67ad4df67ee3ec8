public import Crypto
public import Foundation
import GatehouseCore

/// The Ed25519 key that signs audit checkpoints, kept in the data directory (mode 0600).
public enum AuditSigningKey {
    /// The key file's name inside the data directory.
    public static let fileName = "audit-signing.key"

    /// Loads the key from `dataDir`, creating it on first use.
    public static func loadOrCreate(dataDir: String) throws -> Curve25519.Signing.PrivateKey {
        let path = dataDir + "/" + fileName
        if FileManager.default.fileExists(atPath: path) { return try load(path: path) }
        let key = Curve25519.Signing.PrivateKey()
        try DataDirectory.writeAtomically(
            Data(Hex.encode(key.rawRepresentation).utf8), to: path, mode: 0o600)
        return key
    }

    /// Loads an existing key; a clear error when it is missing or malformed.
    public static func load(path: String) throws -> Curve25519.Signing.PrivateKey {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw GatehouseError(.notFound, "no audit signing key at \(path)")
        }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let bytes = Hex.decode(text), bytes.count == 32,
            let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: bytes)
        else {
            throw GatehouseError(.invalidConfig, "the audit signing key at \(path) is malformed")
        }
        return key
    }
}

/// The data directory: files Gatehouse keeps next to (or instead of) its store.
public enum DataDirectory {
    /// Creates the directory (mode 0700) if missing.
    public static func ensure(_ path: String) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw GatehouseError(.invalidConfig, "data directory \(path) is not a directory")
            }
            return
        }
        do {
            try FileManager.default.createDirectory(
                atPath: path, withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o700])
        } catch {
            throw GatehouseError(.invalidConfig, "cannot create data directory \(path)")
        }
    }

    /// Writes `data` to a temporary file, syncs it, renames it over `path` and syncs the
    /// directory, so readers see the old file or the new one, never half of one, and the new
    /// one survives a crash.
    public static func writeAtomically(_ data: Data, to path: String, mode: mode_t) throws {
        let file = try AtomicFile(path: path, mode: mode)
        do {
            try file.write(data)
            try file.commit()
        } catch {
            file.abort()
            throw error
        }
    }
}

/// A file written under a temporary name and renamed into place only when complete.
public final class AtomicFile {
    private let path: String
    private let temporary: String
    private var fd: Int32

    /// Creates the temporary file next to `path`.
    public init(path: String, mode: mode_t) throws {
        self.path = path
        self.temporary = path + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        self.fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard fd >= 0 else {
            throw GatehouseError(.internal, "cannot write \(path): \(String(cString: strerror(errno)))")
        }
    }

    /// Appends `data`, however large.
    public func write(_ data: Data) throws {
        try data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let written = Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if written < 0, errno == EINTR { continue }
                guard written > 0 else {
                    throw GatehouseError(.internal, "cannot write \(path): \(String(cString: strerror(errno)))")
                }
                offset += written
            }
        }
    }

    /// Syncs, renames into place and syncs the directory.
    public func commit() throws {
        guard fsync(fd) == 0 else { throw GatehouseError(.internal, "cannot sync \(path)") }
        close(fd)
        fd = -1
        guard rename(temporary, path) == 0 else {
            unlink(temporary)
            throw GatehouseError(.internal, "cannot replace \(path)")
        }
        let directory = (path as NSString).deletingLastPathComponent
        let dirFD = open(directory.isEmpty ? "." : directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dirFD >= 0 {
            fsync(dirFD)
            close(dirFD)
        }
    }

    /// Removes the temporary file; the destination is untouched.
    public func abort() {
        if fd >= 0 {
            close(fd)
            fd = -1
        }
        unlink(temporary)
    }

    deinit { if fd >= 0 { abort() } }
}
