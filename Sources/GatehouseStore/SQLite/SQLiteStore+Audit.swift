public import GatehouseCore
import SQLiteNIO
import Synchronization

extension SQLiteStore {
    /// Rows per multi-row INSERT (well under SQLite's 32,766 bound parameters).
    static let insertChunk = 500

    /// Appends in one transaction after the stored head. When this store knows the head from
    /// its own last append and the batch brings no checkpoint, the records go in as one
    /// multi-row INSERT in autocommit mode: a single atomic, durable statement instead of four
    /// round trips. Should another process have appended meanwhile, the first record's `seq`
    /// already exists, the statement fails whole, and the batch is sealed again after the head
    /// read inside a transaction.
    public func appendAudit(_ events: [AuditEvent], sealer: AuditSealer) async throws
        -> AuditAppendResult
    {
        guard !events.isEmpty else {
            return AuditAppendResult(records: [], checkpoints: [], head: try await auditHead())
        }
        return try await guarded {
            try await writeLock.withLock {
                if let known = knownAuditHead.withLock({ $0 }) {
                    let result = try sealer.seal(events, after: known)
                    if result.checkpoints.isEmpty, result.records.count <= Self.insertChunk {
                        do {
                            try await insert(result.records)
                            knownAuditHead.withLock { $0 = result.head }
                            return result
                        } catch {
                            knownAuditHead.withLock { $0 = nil }
                        }
                    }
                }
                let result = try await transactionHoldingLock {
                    let result = try sealer.seal(events, after: try await head(on: writer))
                    var start = 0
                    while start < result.records.count {
                        let chunk = Array(result.records[start..<min(start + Self.insertChunk, result.records.count)])
                        try await insert(chunk)
                        start += Self.insertChunk
                    }
                    try await insert(result.checkpoints)
                    return result
                }
                knownAuditHead.withLock { $0 = result.head }
                return result
            }
        }
    }

    private func insert(_ checkpoints: [AuditCheckpoint]) async throws {
        for checkpoint in checkpoints {
            _ = try await writer.query(
                "INSERT INTO audit_checkpoints (seq, hash, time_micros, key_id, signature) VALUES (?, ?, ?, ?, ?)",
                checkpoint.cells.map(\.sqlite))
        }
    }

    private func insert(_ records: [AuditRecord]) async throws {
        let (sql, binds) = Self.insertStatement(records)
        // The connection's own async query runs the statement on SQLite's thread and resumes
        // from there; the rows-returning one also hops through the event loop. A cancelled
        // caller either runs the statement whole or not at all.
        try await writer.query(sql, binds) { _ in }
    }

    private static func insertStatement(_ records: [AuditRecord]) -> (String, [SQLiteData]) {
        let sql = SQLDialect.sqlite.insert(
            table: "audit_records", columns: AuditColumns.list, width: AuditColumns.count, rows: records.count)
        var binds: [SQLiteData] = []
        binds.reserveCapacity(records.count * AuditColumns.count)
        for record in records { binds += record.cells.map(\.sqlite) }
        return (sql, binds)
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
