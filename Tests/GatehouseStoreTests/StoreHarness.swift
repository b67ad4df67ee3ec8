import Crypto
import Foundation
import GatehouseCore
import GatehouseStore
import GatehouseTestSupport
import Logging
import ServiceLifecycle

/// Opens a fresh, migrated store of each driver for one test, runs it, and tears it down.
enum StoreHarness {
    enum Driver: String, CustomStringConvertible, Sendable {
        case sqlite, postgres
        var description: String { rawValue }
    }

    static let logger: Logger = {
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        return logger
    }()

    static var postgresAvailable: Bool { PostgresAdmin.available }

    /// What a test gets besides the store.
    struct Context: Sendable {
        let driver: Driver
        /// The SQLite file, for tamper tests.
        let sqlitePath: String?
        /// The PostgreSQL database name and admin client, for fault injection.
        let postgres: PostgresAdmin?
        let directory: String
    }

    static func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "gatehouse-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func sealer(every: Int = 100, key: Curve25519.Signing.PrivateKey = .init()) -> AuditSealer {
        AuditSealer(checkpointEvery: every, signingKey: key)
    }

    static func withStore(
        _ driver: Driver, _ body: @Sendable (any GatehouseStore, Context) async throws -> Void
    ) async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        switch driver {
        case .sqlite:
            let path = directory + "/gatehouse.db"
            let store = try await SQLiteStore.open(path: path, logger: logger)
            try await run(store, Context(driver: driver, sqlitePath: path, postgres: nil, directory: directory), body)
        case .postgres:
            let admin = try PostgresAdmin()
            try await admin.withDatabase { location in
                let store = PostgresStore(
                    location: location, password: nil, maxConnections: 4, timeout: .seconds(15), logger: logger)
                try await run(
                    store, Context(driver: driver, sqlitePath: nil, postgres: admin, directory: directory), body)
            }
        }
    }

    private static func run(
        _ store: any GatehouseStore, _ context: Context,
        _ body: @Sendable (any GatehouseStore, Context) async throws -> Void
    ) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await store.run() }
            defer { group.cancelAll() }
            try await store.migrate()
            do {
                try await body(store, context)
            } catch {
                await store.shutdown()
                throw error
            }
            await store.shutdown()
        }
    }

    static func event(_ n: Int, subject: String? = nil, action: String = "model.use", decision: String = "allow")
        -> AuditEvent
    {
        AuditEvent(
            timeMicros: 1_800_000_000_000_000 + Int64(n) * 1_000_000, issuer: "https://idp.test",
            subject: subject ?? "user\(n % 4)", authMethod: "access_token", groups: "developers",
            action: action, resource: "res-\(n)", decision: decision, rule: "rule-\(n % 2)",
            reason: "test", outcome: decision == "allow" ? "ok" : "denied", durationMicros: Int64(n),
            traceID: String(repeating: "a", count: 32), payloadShape: "{}", payloadHash: "")
    }
}
