import GatehouseCore
import SQLiteNIO

extension SQLiteStore {
    /// Applies every migration newer than the recorded schema version, each in its own
    /// transaction. Refuses a database written by a newer Gatehouse.
    @discardableResult
    public func migrate() async throws -> Int {
        try await transaction {
            _ = try await writer.query(Migrations.createTable)
            let rows = try await writer.query("SELECT max(version) FROM schema_migrations")
            let current = rows.first?.columns.first?.data.integer ?? 0
            guard current <= Migrations.latest else {
                throw GatehouseError(
                    .storeUnavailable,
                    "the store has schema version \(current); this Gatehouse knows up to \(Migrations.latest)"
                )
            }
            for step in Migrations.all where step.version > current {
                for statement in step.sqlite { _ = try await writer.query(statement) }
                _ = try await writer.query(
                    "INSERT INTO schema_migrations (version, name, applied_micros) VALUES (?, ?, ?)",
                    [.integer(step.version), .text(step.name), .integer(Int(WallClock.nowMicros()))])
            }
            return Migrations.latest
        }
    }
}
