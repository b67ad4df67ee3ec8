import GatehouseCore
import PostgresNIO

extension PostgresStore {
    /// Lock key serializing migrations across replicas.
    static let migrationLock: Int64 = 0x6761_7465_0001
    /// Lock key serializing audit appends across replicas.
    static let auditLock: Int64 = 0x6761_7465_0002

    /// How long a migration may take. Schema changes on a large trail take far longer than a
    /// request's store call, and a replica starting beside one that is migrating waits for it.
    static let migrationDeadline = Duration.seconds(600)

    @discardableResult
    public func migrate() async throws -> Int {
        try await guarded(deadline: Self.migrationDeadline) {
            try await self.client.withTransaction(logger: self.logger) { connection in
                // The session's statement and lock timeouts are a request's; these are not.
                let seconds = Self.migrationDeadline.components.seconds
                try await connection.query(
                    PostgresQuery(unsafeSQL: "SET LOCAL statement_timeout = '\(seconds)s'"), logger: self.logger)
                try await connection.query(
                    PostgresQuery(unsafeSQL: "SET LOCAL lock_timeout = '\(seconds)s'"), logger: self.logger)
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
