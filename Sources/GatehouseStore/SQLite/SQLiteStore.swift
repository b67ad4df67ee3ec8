import Foundation
import GatehouseCore
public import Logging
import NIOCore
import SQLiteNIO
import ServiceLifecycle
import Synchronization

/// The embedded store: one SQLite file in WAL mode with full synchronous commits, so a
/// committed audit record survives a crash or power loss.
///
/// Writes go through one connection, serialized by an async mutex; reads use another.
public final class SQLiteStore: GatehouseStore {
    /// `sqlite`.
    public let driverName = "sqlite"
    /// Moves on after each revocation and directory write made through this store.
    public let identityGeneration = IdentityGeneration()
    /// The database file.
    public let path: String
    let writer: SQLiteConnection
    let reader: SQLiteConnection
    let writeLock = AsyncMutex()
    /// The audit chain's head as this store last committed it (guarded by `writeLock` for
    /// writes); nil until the first append, or after an append that did not go as expected.
    let knownAuditHead = Mutex<AuditHead?>(nil)
    private let closed = Mutex(false)
    let logger: Logger

    private init(path: String, writer: SQLiteConnection, reader: SQLiteConnection, logger: Logger) {
        self.path = path
        self.writer = writer
        self.reader = reader
        self.logger = logger
    }

    /// Opens (creating if needed) the database at `path`; its folder is created mode 0700.
    public static func open(path: String, logger: Logger) async throws -> SQLiteStore {
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty, !FileManager.default.fileExists(atPath: folder) {
            do {
                try FileManager.default.createDirectory(
                    atPath: folder, withIntermediateDirectories: true,
                    attributes: [.posixPermissions: 0o700])
            } catch {
                throw GatehouseError(
                    .storeUnavailable, "cannot create the data directory \(folder): \(error)")
            }
        }
        do {
            let writer = try await SQLiteConnection.open(storage: .file(path: path), logger: logger)
            let reader = try await SQLiteConnection.open(storage: .file(path: path), logger: logger)
            for connection in [writer, reader] {
                _ = try await connection.query("PRAGMA busy_timeout = 10000")
                _ = try await connection.query("PRAGMA journal_mode = WAL")
                _ = try await connection.query("PRAGMA synchronous = FULL")
                _ = try await connection.query("PRAGMA cache_size = -65536")
                // Statement journals (a multi-row INSERT inside a transaction, such as a batch of
                // usage records) stay in memory instead of spilling to a temporary file while the
                // write lock is held.
                _ = try await connection.query("PRAGMA temp_store = MEMORY")
            }
            return SQLiteStore(path: path, writer: writer, reader: reader, logger: logger)
        } catch {
            throw GatehouseError(.storeUnavailable, "cannot open SQLite store \(path): \(error)")
        }
    }

    /// Waits for graceful shutdown, then closes the connections.
    public func run() async throws {
        try? await gracefulShutdown()
        await shutdown()
    }

    /// A store dropped without ``shutdown()`` (an error path) still closes its connections.
    deinit {
        let open = closed.withLock { closed in
            defer { closed = true }
            return !closed
        }
        if open {
            _ = writer.close() as EventLoopFuture<Void>
            _ = reader.close() as EventLoopFuture<Void>
        }
    }

    /// Closes both connections, once, even when the calling task is cancelled.
    public func shutdown() async {
        guard
            closed.withLock({ closed in
                defer { closed = true }
                return !closed
            })
        else { return }
        let (writer, reader) = (self.writer, self.reader)
        await Task {
            try? await writer.close()
            try? await reader.close()
        }.value
    }

    /// Answers when the file can be read.
    public func ping() async throws {
        try await guarded { _ = try await self.reader.query("SELECT count(*) FROM sqlite_master") }
    }

    /// Runs `body` inside `BEGIN IMMEDIATE … COMMIT` on the writer, rolling back on error.
    func transaction<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        try await guarded {
            try await writeLock.withLock { try await transactionHoldingLock(body) }
        }
    }

    /// ``transaction(_:)`` for a caller that already holds `writeLock`.
    func transactionHoldingLock<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        _ = try await writer.query("BEGIN IMMEDIATE")
        do {
            let result = try await body()
            _ = try await writer.query("COMMIT")
            return result
        } catch {
            _ = try? await writer.query("ROLLBACK")
            throw error
        }
    }

    /// Maps driver errors to ``GatehouseError/Code/storeUnavailable``, without SQL text.
    func guarded<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as GatehouseError {
            throw error
        } catch {
            throw GatehouseError(.storeUnavailable, "SQLite store failed: \(Self.describe(error))")
        }
    }

    static func describe(_ error: any Error) -> String {
        if let error = error as? SQLiteError { return error.message }
        return String(describing: type(of: error))
    }
}

extension StoreValue {
    var sqlite: SQLiteData {
        switch self {
        case .int(let value): .integer(Int(value))
        case .text(let value): .text(value)
        case .blob(let value): .blob(ByteBuffer(bytes: value))
        case .null: .null
        }
    }

    init(_ data: SQLiteData) {
        switch data {
        case .integer(let value): self = .int(Int64(value))
        case .text(let value): self = .text(value)
        case .float(let value): self = .text(String(value))
        case .blob(let value): self = .blob(Data(value.readableBytesView))
        case .null: self = .null
        }
    }
}
