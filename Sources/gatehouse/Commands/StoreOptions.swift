import ArgumentParser
import Crypto
import Foundation
import GatehouseCore
import GatehouseStore
import Logging

/// Where audit commands find the trail: a config, a data directory, or a store URL.
struct StoreOptions: ParsableArguments {
    @Option(help: "The configuration file naming the store (default: the embedded example).")
    var config: String?

    @Option(help: "The data directory (default: server.data_dir, else ./.gatehouse).")
    var dataDir: String?

    @Option(help: "A store URL (sqlite:PATH or postgres://user@host:port/db), overriding the config.")
    var store: String?

    /// The configuration, data directory and store location these options name; a SQLite
    /// file must exist unless `createIfMissing` (then its directory is made).
    func resolve(createIfMissing: Bool = false) throws -> (
        config: GatehouseConfig, dataDir: String, location: StoreLocation
    ) {
        let config = try ConfigLoading.load(self.config)
        let dataDir = dataDir ?? config.server.dataDir ?? "./.gatehouse"
        let location = try StoreLocation.parse(url: store ?? config.store.url, dataDir: dataDir)
        if case .sqlite(let path) = location, !FileManager.default.fileExists(atPath: path) {
            guard createIfMissing else { throw CLIFailure("no audit store at \(path) (pass --data-dir or --store)") }
            try FileManager.default.createDirectory(
                atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        }
        return (config, dataDir, location)
    }

    /// Runs `body` with the store open.
    func withStore<T: Sendable>(
        createIfMissing: Bool = false, _ body: @Sendable (any GatehouseStore, GatehouseConfig, String) async throws -> T
    ) async throws -> T {
        let (config, dataDir, location) = try resolve(createIfMissing: createIfMissing)
        var password: String?
        if store == nil, let reference = config.store.password {
            password = try SecretResolver().resolve(reference)
        } else if case .postgres = location {
            password = ProcessInfo.processInfo.environment["PGPASSWORD"]
        }
        var logger = Logger(label: "gatehouse")
        logger.logLevel = .critical
        do {
            return try await StoreFactory.withStore(location, password: password, logger: logger) {
                try await body($0, config, dataDir)
            }
        } catch let error as GatehouseError {
            throw CLIFailure(error.message)
        }
    }
}
