import GatehouseCore
import GatehouseStore
import Logging

/// Before the server accepts requests: the store answers and its schema is current.
enum StartupCheck {
    static func run(store: any GatehouseStore, location: StoreLocation, logger: Logger) async throws {
        do {
            try await store.ping()
            let version = try await store.migrate()
            logger.info(
                "store ready",
                metadata: ["store": "\(location)", "schema_version": "\(version)"])
        } catch let error as GatehouseError {
            throw GatehouseError(error.code, "store \(location) is not usable: \(error.message)")
        }
    }
}
