import GatehouseCore
import GatehouseStore
import Logging

/// Before the server accepts requests: the store answers and its schema is current.
enum StartupCheck {
    /// How long start-up waits for a store that does not answer yet (a database starting
    /// alongside, a busy machine) before giving up.
    static let patience = Duration.seconds(30)

    static func run(
        store: any GatehouseStore, location: StoreLocation, signingKeyID: String, dataDir: String, logger: Logger
    ) async throws {
        do {
            try await waitForAnswer(store, location: location, logger: logger)
            let version = try await store.migrate()
            // Every node signs with the one key the trail was started with; a node with another
            // key (a fresh data directory, a second replica) would sign checkpoints no verifier
            // trusts. Refuse instead of forking the trust.
            if let newest = try await store.auditCheckpoints().last, newest.keyID != signingKeyID {
                throw GatehouseError(
                    .invalidConfig,
                    "the audit trail is signed with key \(newest.keyID) but \(dataDir)/\(AuditSigningKey.fileName) is key \(signingKeyID); copy the key file from the node that started the trail (replicas share one key)"
                )
            }
            logger.info(
                "store ready",
                metadata: ["store": "\(location)", "schema_version": "\(version)"])
        } catch let error as GatehouseError {
            throw GatehouseError(error.code, "store \(location) is not usable: \(error.message)")
        }
    }

    /// Pings `store` until it answers, for at most ``patience``; the last failure otherwise.
    private static func waitForAnswer(_ store: any GatehouseStore, location: StoreLocation, logger: Logger)
        async throws
    {
        let deadline = ContinuousClock.now + patience
        while true {
            do {
                try await store.ping()
                return
            } catch {
                guard ContinuousClock.now + .seconds(1) < deadline else { throw error }
                logger.warning(
                    "the store does not answer yet; trying again",
                    metadata: ["store": "\(location)", "error": "\(error)"])
                try await Task.sleep(for: .seconds(1))
            }
        }
    }
}
