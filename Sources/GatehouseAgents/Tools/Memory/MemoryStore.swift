import Foundation
import GatehouseCore
import GatehouseInference

/// The memories in one JSON file. Every change is read-modify-write under an exclusive `flock`
/// on `<file>.lock` (so two processes do not lose each other's writes) and lands by an atomic
/// rename; the actor serializes the calls of one process.
actor MemoryStore {
    /// The most memories one file holds.
    static let maxMemories = 1_000
    /// The most UTF-8 bytes of one memory.
    static let maxMemoryBytes = 8 * 1024
    /// The most UTF-8 bytes of one category.
    static let maxCategoryBytes = 256

    /// The JSON file.
    let path: String
    private let lock: FileLock

    /// The store at `path`; its folder is created (mode 0700) on first use.
    init(path: String) {
        self.path = path
        self.lock = FileLock(path: path + ".lock", timeout: .seconds(10))
    }

    /// The memories, oldest first.
    func all() throws(GatehouseError) -> [MemoryFile.Entry] {
        try prepareFolder()
        return try lock.withLock { () throws(GatehouseError) in try MemoryFile.load(path).memories }
    }

    /// Changes the file with `body` (which may fail the change with a ``ToolFailure``) and saves it.
    func change<T: Sendable>(_ body: @Sendable (inout MemoryFile) throws(ToolFailure) -> T) throws -> T {
        try prepareFolder()
        let outcome: Result<T, ToolFailure> = try lock.withLock { () throws(GatehouseError) in
            var file = try MemoryFile.load(path)
            let value: T
            do throws(ToolFailure) {
                value = try body(&file)
            } catch {
                return .failure(error)
            }
            try file.save(path)
            return .success(value)
        }
        return try outcome.get()
    }

    private func prepareFolder() throws(GatehouseError) {
        let folder = (path as NSString).deletingLastPathComponent
        guard !folder.isEmpty, !FileManager.default.fileExists(atPath: folder) else { return }
        do {
            try FileManager.default.createDirectory(
                atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw GatehouseError(.storeUnavailable, "cannot create the folder \(folder): \(error.localizedDescription)")
        }
    }

    /// Checks the sizes of a memory and its category.
    static func check(memory: String, category: String?) throws(ToolFailure) {
        guard !memory.isEmpty else { throw ToolFailure("argument 'memory' must not be empty") }
        guard memory.utf8.count <= maxMemoryBytes else {
            throw ToolFailure("the memory is \(memory.utf8.count) bytes; at most \(maxMemoryBytes) are allowed")
        }
        guard (category?.utf8.count ?? 0) <= maxCategoryBytes else {
            throw ToolFailure("the category is longer than \(maxCategoryBytes) bytes")
        }
    }
}
