import GatehouseCore
import PostgresNIO

extension PostgresStore {
    /// Lock key serializing migrations across replicas.
    static let migrationLock: Int64 = 0x6761_7465_0001
    /// Lock key serializing audit appends across replicas.
    static let auditLock: Int64 = 0x6761_7465_0002

    @discardableResult
    public func migrate() async throws -> Int {
        try await guarded {
            try await self.client.withTransaction(logger: self.logger) { connection in
                try await connection.query(
                    PostgresQuery(sql: "SELECT pg_advisory_xact_lock($1)", cells: [.int(Self.migrationLock)]),
                    logger: self.logger)
                try await connection.query(PostgresQuery(unsafeSQL: Migrations.createTable), logger: self.logger)
                var current: Int64 = 0
                for try await row in try await connection.query(
                    "SELECT coalesce(max(version), 0)::bigint FROM schema_migrations", logger: self.logger)
                {
                    current = try row.decode(Int64.self)
                }
                guard current <= Migrations.latest else {
                    throw GatehouseError(
                        .storeUnavailable,
                        "the store has schema version \(current); this Gatehouse knows up to \(Migrations.latest)"
                    )
                }
                for step in Migrations.all where step.version > current {
                    for statement in step.postgres {
                        try await connection.query(PostgresQuery(unsafeSQL: statement), logger: self.logger)
                    }
                    try await connection.query(
                        PostgresQuery(
                            sql: "INSERT INTO schema_migrations (version, name, applied_micros) VALUES ($1, $2, $3)",
                            cells: [.int(Int64(step.version)), .text(step.name), .int(WallClock.nowMicros())]),
                        logger: self.logger)
                }
                return Migrations.latest
            }
        }
    }
}
