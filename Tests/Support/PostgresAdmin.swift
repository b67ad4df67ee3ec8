import Foundation
import GatehouseCore
public import GatehouseStore
import Logging
import PostgresNIO

/// Creates and drops throwaway databases on the test PostgreSQL server, and can make one
/// unreachable and reachable again (a store that goes away while serving).
public struct PostgresAdmin: Sendable {
    /// The throwaway server started by scripts/test-deps.sh.
    public static var url: String? { ProcessInfo.processInfo.environment["GATEHOUSE_TEST_POSTGRES_URL"] }
    /// Whether that server is configured.
    public static var available: Bool { url != nil }

    /// Its connection details (TLS off: it is on loopback).
    public let base: StoreLocation.PostgresLocation

    /// Reads `GATEHOUSE_TEST_POSTGRES_URL`.
    public init() throws {
        guard let url = Self.url,
            case .postgres(let location) = try StoreLocation.parse(url: url, dataDir: "/")
        else { throw GatehouseError(.invalidConfig, "GATEHOUSE_TEST_POSTGRES_URL is not a postgres URL") }
        var base = location
        base.sslMode = "disable"
        self.base = base
    }

    static let logger: Logger = {
        var logger = Logger(label: "test-postgres")
        logger.logLevel = .critical
        return logger
    }()

    /// Runs one statement; gives up after 30 seconds. A client whose connections are refused
    /// waits for one without end (postgres-nio #489) and may not end when cancelled, which
    /// would hold a test, and the run, forever; the work is left to end by itself.
    public func execute(_ sql: String, database: String? = nil) async throws {
        let configuration = PostgresClient.Configuration(
            host: base.host, port: base.port, username: base.user, password: nil,
            database: database ?? base.database, tls: .disable)
        let timeout = GatehouseError(.storeUnavailable, "the test PostgreSQL did not run \(sql.prefix(60)) in 30 s")
        try await Deadline.run(
            .seconds(30), timeoutError: { timeout },
            perform: {
                let client = PostgresClient(configuration: configuration, backgroundLogger: Self.logger)
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask { await client.run() }
                    defer { group.cancelAll() }
                    try await client.query(PostgresQuery(unsafeSQL: sql))
                }
            })
    }

    /// Runs `body` with a new, empty database, dropped afterwards.
    public func withDatabase(_ body: (StoreLocation.PostgresLocation) async throws -> Void) async throws {
        let name = "gh_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        try await execute("CREATE DATABASE \(name)")
        var location = base
        location.database = String(name)
        do {
            try await body(location)
        } catch {
            try? await execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
            throw error
        }
        try? await execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
    }

    /// Refuses new connections to `database` and ends the existing ones.
    public func cutOff(_ database: String) async throws {
        try await execute("ALTER DATABASE \(database) ALLOW_CONNECTIONS false")
        try await execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '\(database)' AND pid <> pg_backend_pid()"
        )
    }

    /// Accepts connections to `database` again.
    public func restore(_ database: String) async throws {
        try await execute("ALTER DATABASE \(database) ALLOW_CONNECTIONS true")
    }
}
