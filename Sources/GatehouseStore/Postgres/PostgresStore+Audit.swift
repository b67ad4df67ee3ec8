public import GatehouseCore
import PostgresNIO
import Synchronization

extension PostgresStore {
    /// Rows per multi-row INSERT (well under PostgreSQL's 65,535 bound parameters).
    static let insertChunk = 1000

    public func appendAudit(_ events: [AuditEvent], sealer: AuditSealer) async throws
        -> AuditAppendResult
    {
        guard !events.isEmpty else {
            return AuditAppendResult(records: [], checkpoints: [], head: try await auditHead())
        }
        let sealed = SealedBatch()
        do {
            return try await append(events, sealer: sealer, sealed: sealed)
        } catch {
            // A lost COMMIT is ambiguous: the batch may have landed. Look before failing, so
            // that a committed record is never reported as not written.
            if let result = sealed.result, try await landed(result) { return result }
            throw error
        }
    }

    private func landed(_ result: AuditAppendResult) async throws -> Bool {
        let stored = try? await auditRecords(after: result.head.seq - 1, limit: 1)
        return stored?.first?.hash == result.head.hash && stored?.first?.seq == result.head.seq
    }

    private func append(
        _ events: [AuditEvent], sealer: AuditSealer, sealed: SealedBatch
    ) async throws -> AuditAppendResult {
        try await guarded {
            try await self.client.withTransaction(logger: self.logger) { connection in
                // One appender at a time across every replica: the chain has one head.
                try await connection.query(
                    PostgresQuery(sql: "SELECT pg_advisory_xact_lock($1)", cells: [.int(Self.auditLock)]),
                    logger: self.logger)
                let head = try await Self.head(on: connection, logger: self.logger)
                let result = try sealer.seal(events, after: head)
                sealed.result = result
                var start = 0
                while start < result.records.count {
                    let chunk = result.records[start..<min(start + Self.insertChunk, result.records.count)]
                    let sql = SQLDialect.postgres.insert(
                        table: "audit_records", columns: AuditColumns.list,
                        width: AuditColumns.count, rows: chunk.count)
                    try await connection.query(
                        PostgresQuery(sql: sql, cells: chunk.flatMap(\.cells)), logger: self.logger)
                    start += Self.insertChunk
                }
                for checkpoint in result.checkpoints {
                    try await connection.query(
                        PostgresQuery(
                            sql:
                                "INSERT INTO audit_checkpoints (seq, hash, time_micros, key_id, signature) VALUES ($1, $2, $3, $4, $5)",
                            cells: checkpoint.cells),
                        logger: self.logger)
                }
                return result
            }
        }
    }

    static func head(on connection: PostgresConnection, logger: Logger) async throws -> AuditHead {
        let rows = try await connection.query(
            "SELECT seq, hash FROM audit_records ORDER BY seq DESC LIMIT 1", logger: logger)
        for try await row in rows {
            let (seq, hex) = try row.decode((Int64, String).self)
            guard let hash = AuditHash(hex: hex) else {
                throw GatehouseError(
                    .auditTampered,
                    "audit record \(seq) has a malformed hash; run gatehouse audit verify")
            }
            return AuditHead(seq: seq, hash: hash)
        }
        return .genesis
    }

    public func auditHead() async throws -> AuditHead {
        try await guarded {
            try await self.client.withConnection { connection in
                try await Self.head(on: connection, logger: self.logger)
            }
        }
    }

    public func auditRecords(after seq: Int64, limit: Int) async throws -> [AuditRecord] {
        try await records(
            PostgresQuery(
                sql: "SELECT \(AuditColumns.list) FROM audit_records WHERE seq > $1 ORDER BY seq LIMIT $2",
                cells: [.int(seq), .int(Int64(limit))]))
    }

    public func queryAudit(_ query: AuditQuery) async throws -> [AuditRecord] {
        let (sql, binds) = SQLDialect.postgres.auditQuery(query)
        return try await records(PostgresQuery(sql: sql, cells: binds))
    }

    private func records(_ query: PostgresQuery) async throws -> [AuditRecord] {
        try await guarded {
            var out: [AuditRecord] = []
            for try await row in try await self.client.query(query, logger: self.logger) {
                out.append(AuditRecord(cells: row.cells))
            }
            return out
        }
    }

    public func auditCheckpoints() async throws -> [AuditCheckpoint] {
        try await guarded {
            var out: [AuditCheckpoint] = []
            for try await row in try await self.client.query(
                "SELECT seq, hash, time_micros, key_id, signature FROM audit_checkpoints ORDER BY seq",
                logger: self.logger)
            {
                if let checkpoint = AuditCheckpoint(cells: row.cells) { out.append(checkpoint) }
            }
            return out
        }
    }
}

/// The batch sealed inside a transaction, kept for checking whether a failed COMMIT landed.
final class SealedBatch: Sendable {
    private let value = Mutex<AuditAppendResult?>(nil)

    var result: AuditAppendResult? {
        get { value.withLock { $0 } }
        set { value.withLock { $0 = newValue } }
    }
}
