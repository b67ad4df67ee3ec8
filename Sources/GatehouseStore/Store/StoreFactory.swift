import GatehouseCore
public import Logging
import ServiceLifecycle

/// Opens the store a configuration names.
public enum StoreFactory {
    /// Opens the store at `location`; for PostgreSQL the pool connects once `run()` runs.
    public static func open(
        _ location: StoreLocation, password: String?, maxConnections: Int, logger: Logger
    ) async throws -> any GatehouseStore {
        switch location {
        case .sqlite(let path):
            return try await SQLiteStore.open(path: path, logger: logger)
        case .postgres(let pg):
            return PostgresStore(
                location: pg, password: password, maxConnections: maxConnections, logger: logger)
        }
    }

    /// Runs `body` with a migrated store whose service runs in the background, then stops it.
    /// For commands that use the store without a server.
    public static func withStore<T: Sendable>(
        _ location: StoreLocation, password: String?, logger: Logger,
        _ body: @Sendable (any GatehouseStore) async throws -> T
    ) async throws -> T {
        let store = try await open(location, password: password, maxConnections: 2, logger: logger)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await store.run() }
            defer { group.cancelAll() }
            do {
                try await store.ping()
                try await store.migrate()
                let result = try await body(store)
                await store.shutdown()
                return result
            } catch {
                await store.shutdown()
                throw error
            }
        }
    }
}
