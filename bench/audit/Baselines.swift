import Foundation
import GatehouseCore
import GatehouseStore
import Logging
import PostgresNIO
import SQLiteNIO

/// Raw multi-row INSERTs into an SQLite file with the same pragmas as the store.
struct SQLiteBaseline: Baseline {
    let connection: SQLiteConnection

    static func open(_ path: String) async throws -> SQLiteBaseline {
        let connection = try await SQLiteConnection.open(storage: .file(path: path))
        _ = try await connection.query("PRAGMA journal_mode = WAL")
        _ = try await connection.query("PRAGMA synchronous = FULL")
        _ = try await connection.query(
            "CREATE TABLE raw (seq INTEGER PRIMARY KEY, a INTEGER, b TEXT, c TEXT, d TEXT, e TEXT, f TEXT, g TEXT, h TEXT, i TEXT, j TEXT, k TEXT, l INTEGER, m TEXT, n TEXT, o TEXT, p TEXT, q TEXT)"
        )
        return SQLiteBaseline(connection: connection)
    }

    func insert(_ records: [AuditRecord]) async throws {
        _ = try await connection.query("BEGIN IMMEDIATE")
        var start = 0
        while start < records.count {
            let chunk = records[start..<min(start + 500, records.count)]
            let sql =
                "INSERT INTO raw VALUES "
                + Array(
                    repeating: "(" + Array(repeating: "?", count: 18).joined(separator: ",") + ")", count: chunk.count
                ).joined(separator: ",")
            _ = try await connection.query(sql, chunk.flatMap { Self.cells($0) })
            start += 500
        }
        _ = try await connection.query("COMMIT")
    }

    static func cells(_ r: AuditRecord) -> [SQLiteData] {
        let e = r.event
        return [
            .integer(Int(r.seq)), .integer(Int(e.timeMicros)), .text(e.issuer), .text(e.subject), .text(e.authMethod),
            .text(e.groups), .text(e.action), .text(e.resource), .text(e.decision), .text(e.rule), .text(e.reason),
            .text(e.outcome), .integer(Int(e.durationMicros)), .text(e.traceID), .text(e.payloadShape),
            .text(e.payloadHash), .text(r.prevHash.hex), .text(r.hash.hex),
        ]
    }
}

/// A throwaway PostgreSQL database with synchronous commits on, for the store and the baseline.
struct PostgresBench {
    let store: PostgresStore
    let baseline: PostgresBaseline
    let admin: PostgresClient
    let adminTask: Task<Void, Never>
    let database: String

    static func prepare(url: String) async throws -> PostgresBench {
        guard case .postgres(var location) = try StoreLocation.parse(url: url, dataDir: "/") else {
            throw GatehouseError(.invalidConfig, "not a postgres URL")
        }
        location.sslMode = "disable"
        let database = "gh_bench_\(getpid())"
        let admin = PostgresClient(
            configuration: .init(
                host: location.host, port: location.port, username: location.user, password: nil,
                database: location.database, tls: .disable), backgroundLogger: AuditBench.logger)
        let task = Task { await admin.run() }
        try await admin.query(PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \(database) WITH (FORCE)"))
        try await admin.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(database)"))
        try await admin.query(PostgresQuery(unsafeSQL: "ALTER DATABASE \(database) SET synchronous_commit = on"))
        location.database = database
        let store = PostgresStore(
            location: location, password: nil, maxConnections: 4, timeout: .seconds(60), logger: AuditBench.logger)
        let baseline = try await PostgresBaseline.open(location)
        return PostgresBench(store: store, baseline: baseline, admin: admin, adminTask: task, database: database)
    }

    func finish() async throws {
        baseline.task.cancel()
        _ = await baseline.task.value
        // The store's pool has ended with its scenario; dropping may still race its last
        // connections, which only leaves a throwaway database behind.
        _ = try? await admin.query(PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \(database) WITH (FORCE)"))
        adminTask.cancel()
    }
}

/// Raw multi-row INSERTs through the same driver.
struct PostgresBaseline: Baseline {
    let client: PostgresClient
    let task: Task<Void, Never>

    static func open(_ location: StoreLocation.PostgresLocation) async throws -> PostgresBaseline {
        let client = PostgresClient(
            configuration: .init(
                host: location.host, port: location.port, username: location.user, password: nil,
                database: location.database, tls: .disable), backgroundLogger: AuditBench.logger)
        let task = Task { await client.run() }
        try await client.query(
            "CREATE TABLE raw (seq BIGINT PRIMARY KEY, a BIGINT, b TEXT, c TEXT, d TEXT, e TEXT, f TEXT, g TEXT, h TEXT, i TEXT, j TEXT, k TEXT, l BIGINT, m TEXT, n TEXT, o TEXT, p TEXT, q TEXT)"
        )
        return PostgresBaseline(client: client, task: task)
    }

    func insert(_ records: [AuditRecord]) async throws {
        try await client.withTransaction(logger: AuditBench.logger) { connection in
            var start = 0
            while start < records.count {
                let chunk = records[start..<min(start + 1000, records.count)]
                var bindings = PostgresBindings()
                var placeholders: [String] = []
                var index = 1
                for r in chunk {
                    let e = r.event
                    placeholders.append("(" + (index..<index + 18).map { "$\($0)" }.joined(separator: ",") + ")")
                    index += 18
                    bindings.append(r.seq)
                    bindings.append(e.timeMicros)
                    for text in [
                        e.issuer, e.subject, e.authMethod, e.groups, e.action, e.resource, e.decision, e.rule, e.reason,
                        e.outcome,
                    ] {
                        bindings.append(text)
                    }
                    bindings.append(e.durationMicros)
                    for text in [e.traceID, e.payloadShape, e.payloadHash, r.prevHash.hex, r.hash.hex] {
                        bindings.append(text)
                    }
                }
                try await connection.query(
                    PostgresQuery(
                        unsafeSQL: "INSERT INTO raw VALUES " + placeholders.joined(separator: ","), binds: bindings),
                    logger: AuditBench.logger)
                start += 1000
            }
        }
    }
}
