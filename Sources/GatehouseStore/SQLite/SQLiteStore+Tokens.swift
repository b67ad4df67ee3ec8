public import GatehouseCore
import SQLiteNIO

extension SQLiteStore {
    public func insertToken(_ token: AccessTokenRecord) async throws {
        try await transaction {
            let sql = SQLDialect.sqlite.insert(
                table: "access_tokens", columns: TokenColumns.list, width: TokenColumns.count,
                rows: 1)
            _ = try await writer.query(sql, token.cells.map(\.sqlite))
        }
    }

    public func token(hash: String) async throws -> AccessTokenRecord? {
        try await guarded {
            let rows = try await reader.query(
                "SELECT \(TokenColumns.list) FROM access_tokens WHERE token_hash = ?", [.text(hash)])
            return rows.first.flatMap { row in
                AccessTokenRecord(cells: row.columns.map { StoreValue($0.data) })
            }
        }
    }

    public func touchToken(id: String, atMicros: Int64) async throws {
        try await transaction {
            _ = try await writer.query(
                "UPDATE access_tokens SET last_used_micros = ? WHERE id = ?",
                [.integer(Int(atMicros)), .text(id)])
        }
    }

    public func tokenCount(authMethod: Principal.AuthMethod) async throws -> Int {
        try await guarded {
            let rows = try await reader.query(
                "SELECT count(*) FROM access_tokens WHERE auth_method = ?",
                [.text(authMethod.rawValue)])
            return rows.first?.columns.first?.data.integer ?? 0
        }
    }

    public func token(id: String) async throws -> AccessTokenRecord? {
        try await guarded {
            let rows = try await reader.query(
                "SELECT \(TokenColumns.list) FROM access_tokens WHERE id = ?", [.text(id)])
            return rows.first.flatMap { row in AccessTokenRecord(cells: row.columns.map { StoreValue($0.data) }) }
        }
    }

    public func tokens(issuer: String, subject: String) async throws -> [AccessTokenRecord] {
        try await guarded {
            let rows = try await reader.query(
                "SELECT \(TokenColumns.list) FROM access_tokens WHERE issuer = ? AND subject = ? ORDER BY created_micros DESC, id",
                [.text(issuer), .text(subject)])
            return rows.compactMap { row in AccessTokenRecord(cells: row.columns.map { StoreValue($0.data) }) }
        }
    }

    public func revokeToken(id: String, atMicros: Int64) async throws -> Bool {
        try await identityGeneration.advancing {
            try await transaction {
                let rows = try await writer.query(
                    """
                    UPDATE access_tokens SET revoked_micros = ? WHERE (id = ? OR parent_id = ?) AND revoked_micros IS NULL
                    RETURNING id
                    """,
                    [.integer(Int(atMicros)), .text(id), .text(id)])
                return rows.contains { $0.columns.first?.data.string == id }
            }
        }
    }
}
