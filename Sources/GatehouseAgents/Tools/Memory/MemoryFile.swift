import Foundation
import GatehouseCore
import GatehouseInference

#if canImport(Glibc)
    import Glibc
#endif

/// The memories as stored in the JSON file.
struct MemoryFile: Codable, Sendable {
    /// One remembered fact.
    struct Entry: Codable, Sendable, Hashable {
        /// Its id, unique within the file.
        var id: Int64
        /// When it was added (ISO 8601).
        var createdAt: String
        /// The fact.
        var memory: String
        /// An optional category.
        var category: String?

        enum CodingKeys: String, CodingKey {
            case id
            case createdAt = "created_at"
            case memory
            case category
        }
    }

    /// The id the next memory gets.
    var nextID: Int64 = 1
    /// The memories, oldest first.
    var memories: [Entry] = []

    enum CodingKeys: String, CodingKey {
        case nextID = "next_id"
        case memories
    }
}

extension MemoryFile {
    /// The largest file read back (a bounded file never comes near it).
    static let readLimit = 64 << 20

    /// The file at `path`, empty when there is none yet.
    static func load(_ path: String) throws(GatehouseError) -> MemoryFile {
        let data: Data
        do throws(GatehouseError) {
            data = try FileIO.read(path: path, limit: readLimit, what: "the memory file")
        } catch {
            if error.code == .notFound { return MemoryFile() }
            throw error
        }
        do {
            return try JSONDecoder().decode(MemoryFile.self, from: data)
        } catch {
            throw GatehouseError(
                .storeUnavailable, "the memory file \((path as NSString).lastPathComponent) is not valid JSON")
        }
    }

    /// Replaces the file at `path` atomically: a temporary file (mode 0600) in the same folder is
    /// written, fsynced and renamed over it, then the folder is fsynced.
    func save(_ path: String) throws(GatehouseError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        let bytes: [UInt8]
        do {
            bytes = [UInt8](try encoder.encode(self))
        } catch {
            throw GatehouseError(.internal, "cannot encode the memories: \(error)")
        }
        let folder = (path as NSString).deletingLastPathComponent
        let temporary = "\(folder)/.memory-\(UUID().uuidString.lowercased()).tmp"
        let descriptor = Glibc.open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw Self.failure("cannot create", temporary) }
        var renamed = false
        defer { if !renamed { unlink(temporary) } }
        let written = Self.writeAll(descriptor, bytes)
        let synced = written && fsync(descriptor) == 0
        _ = close(descriptor)
        guard synced else { throw Self.failure("cannot write", temporary) }
        try FileIO.rename(temporary, to: path)
        renamed = true
        FileIO.syncDirectory(folder)
    }

    private static func writeAll(_ descriptor: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let count = bytes.withUnsafeBytes {
                Glibc.write(descriptor, $0.baseAddress! + offset, bytes.count - offset)
            }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return false }
            offset += count
        }
        return true
    }

    private static func failure(_ action: String, _ path: String) -> GatehouseError {
        GatehouseError(
            .storeUnavailable, "\(action) \((path as NSString).lastPathComponent): \(String(cString: strerror(errno)))")
    }
}
