public import GatehouseCore
import SQLiteNIO

extension SQLiteStore {
    /// Rows per multi-row INSERT (well under SQLite's 32,766 bound parameters).
    static let insertChunk = 500

    public func appendAudit(_ events: [AuditEvent], sealer: AuditSealer) async throws
        -> AuditAppendResult
    {
        guard !events.isEmpty else {
            return AuditAppendResult(records: [], checkpoints: [], head: try await auditHead())
        }
        return try await transaction {
            let head = try await head(on: writer)
            let result = try sealer.seal(events, after: head)
            var start = 0
            while start < result.records.count {
                let chunk = result.records[start..<min(start + Self.insertChunk, result.records.count)]
                let sql = SQLDialect.sqlite.insert(
                    table: "audit_records", columns: AuditColumns.list, width: AuditColumns.count,
                    rows: chunk.count)
                _ = try await writer.query(sql, chunk.flatMap { $0.cells.map(\.sqlite) })
                start += Self.insertChunk
            }
            for checkpoint in result.checkpoints {
                _ = try await writer.query(
                    "INSERT INTO audit_checkpoints (seq, hash, time_micros, key_id, signature) VALUES (?, ?, ?, ?, ?)",
                    checkpoint.cells.map(\.sqlite))
            }
            return result
        }
    }

    public func auditHead() async throws -> AuditHead {
        try await guarded { try await head(on: reader) }
    }

    private func head(on connection: SQLiteConnection) async throws -> AuditHead {
        let rows = try await connection.query(
            "SELECT seq, hash FROM audit_records ORDER BY seq DESC LIMIT 1")
        guard let row = rows.first else { return .genesis }
        let seq = Int64(row.columns[0].data.integer ?? 0)
        guard let hash = row.columns[1].data.string.flatMap(AuditHash.init(hex:)) else {
            throw GatehouseError(
                .auditTampered, "audit record \(seq) has a malformed hash; run gatehouse audit verify")
        }
        return AuditHead(seq: seq, hash: hash)
    }

    public func auditRecords(after seq: Int64, limit: Int) async throws -> [AuditRecord] {
        try await guarded {
            let rows = try await reader.query(
                "SELECT \(AuditColumns.list) FROM audit_records WHERE seq > ? ORDER BY seq LIMIT ?",
                [.integer(Int(seq)), .integer(limit)])
            return rows.map { row in AuditRecord(cells: row.columns.map { StoreValue($0.data) }) }
        }
    }

    public func queryAudit(_ query: AuditQuery) async throws -> [AuditRecord] {
        try await guarded {
            let (sql, binds) = SQLDialect.sqlite.auditQuery(query)
            let rows = try await reader.query(sql, binds.map(\.sqlite))
            return rows.map { row in AuditRecord(cells: row.columns.map { StoreValue($0.data) }) }
        }
    }

    public func auditCheckpoints() async throws -> [AuditCheckpoint] {
        try await guarded {
            let rows = try await reader.query(
                "SELECT seq, hash, time_micros, key_id, signature FROM audit_checkpoints ORDER BY seq")
            return rows.compactMap { row in
                AuditCheckpoint(cells: row.columns.map { StoreValue($0.data) })
            }
        }
    }
}
