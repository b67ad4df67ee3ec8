public import GatehouseCore
import PostgresNIO

extension PostgresStore {
    public func insertToken(_ token: AccessTokenRecord) async throws {
        let sql = SQLDialect.postgres.insert(
            table: "access_tokens", columns: TokenColumns.list, width: TokenColumns.count, rows: 1)
        try await guarded {
            try await self.client.query(PostgresQuery(sql: sql, cells: token.cells), logger: self.logger)
        }
    }

    public func token(hash: String) async throws -> AccessTokenRecord? {
        try await guarded {
            let rows = try await self.client.query(
                PostgresQuery(
                    sql: "SELECT \(TokenColumns.list) FROM access_tokens WHERE token_hash = $1",
                    cells: [.text(hash)]),
                logger: self.logger)
            for try await row in rows { return AccessTokenRecord(cells: row.cells) }
            return nil
        }
    }

    public func touchToken(id: String, atMicros: Int64) async throws {
        try await guarded {
            try await self.client.query(
                PostgresQuery(
                    sql: "UPDATE access_tokens SET last_used_micros = $1 WHERE id = $2",
                    cells: [.int(atMicros), .text(id)]),
                logger: self.logger)
        }
    }

    public func tokenCount(authMethod: Principal.AuthMethod) async throws -> Int {
        try await guarded {
            let rows = try await self.client.query(
                PostgresQuery(
                    sql: "SELECT count(*)::bigint FROM access_tokens WHERE auth_method = $1",
                    cells: [.text(authMethod.rawValue)]),
                logger: self.logger)
            for try await row in rows { return Int(try row.decode(Int64.self)) }
            return 0
        }
    }

    public func token(id: String) async throws -> AccessTokenRecord? {
        try await tokenRows(
            PostgresQuery(sql: "SELECT \(TokenColumns.list) FROM access_tokens WHERE id = $1", cells: [.text(id)])
        ).first
    }

    public func tokens(issuer: String, subject: String) async throws -> [AccessTokenRecord] {
        try await tokenRows(
            PostgresQuery(
                sql:
                    "SELECT \(TokenColumns.list) FROM access_tokens WHERE issuer = $1 AND subject = $2 ORDER BY created_micros DESC, id",
                cells: [.text(issuer), .text(subject)]))
    }

    private func tokenRows(_ query: PostgresQuery) async throws -> [AccessTokenRecord] {
        try await guarded {
            var out: [AccessTokenRecord] = []
            for try await row in try await self.client.query(query, logger: self.logger) {
                if let token = AccessTokenRecord(cells: row.cells) { out.append(token) }
            }
            return out
        }
    }

    public func revokeToken(id: String, atMicros: Int64) async throws -> Bool {
        try await identityGeneration.advancing {
            try await guarded {
                let rows = try await self.client.query(
                    PostgresQuery(
                        sql:
                            "UPDATE access_tokens SET revoked_micros = $1 WHERE (id = $2 OR parent_id = $2) AND revoked_micros IS NULL RETURNING id",
                        cells: [.int(atMicros), .text(id)]),
                    logger: self.logger)
                var revoked = false
                for try await row in rows {
                    if try row.decode(String.self) == id { revoked = true }
                }
                return revoked
            }
        }
    }
}
