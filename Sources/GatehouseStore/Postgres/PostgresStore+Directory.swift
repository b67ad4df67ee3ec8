public import GatehouseCore
import Logging
import PostgresNIO

/// A PostgreSQL connection (inside a transaction) as a ``SQLSession``.
struct PostgresSession: SQLSession {
    let connection: PostgresConnection
    let logger: Logger
    var dialect: SQLDialect { .postgres }

    func rows(_ sql: String, _ binds: [StoreValue]) async throws -> [[StoreValue]] {
        var out: [[StoreValue]] = []
        for try await row in try await connection.query(PostgresQuery(sql: sql, cells: binds), logger: logger) {
            out.append(row.cells)
        }
        return out
    }
}

extension PostgresStore {
    /// Runs `body` in one transaction, mapping a unique violation that a concurrent writer won
    /// to ``GatehouseError/Code/conflict``.
    func directory<T: Sendable>(_ body: @escaping @Sendable (PostgresSession) async throws -> T) async throws -> T {
        try await guarded {
            try await self.client.withTransaction(logger: self.logger) { connection in
                try await body(PostgresSession(connection: connection, logger: self.logger))
            }
        }
    }

    public func insertUser(_ user: DirectoryUser) async throws {
        try await identityGeneration.advancing {
            try await directory { try await DirectoryStatements.insertUser(user, in: $0) }
        }
    }

    public func user(id: String) async throws -> DirectoryUser? {
        try await directory { try await DirectoryStatements.user(id: id, in: $0) }
    }

    public func users(_ lookup: DirectoryUserLookup) async throws -> [DirectoryUser] {
        try await directory { try await DirectoryStatements.users(lookup, in: $0) }
    }

    public func updateUser(_ user: DirectoryUser, expectedVersion: Int64, nowMicros: Int64) async throws -> Bool {
        try await identityGeneration.advancing {
            try await directory {
                try await DirectoryStatements.updateUser(
                    user, expectedVersion: expectedVersion, nowMicros: nowMicros, in: $0)
            }
        }
    }

    public func deleteUser(id: String, expectedVersion: Int64?, nowMicros: Int64) async throws -> DirectoryUser? {
        try await identityGeneration.advancing {
            try await directory {
                try await DirectoryStatements.deleteUser(
                    id: id, expectedVersion: expectedVersion, nowMicros: nowMicros, in: $0)
            }
        }
    }

    public func insertGroup(_ group: DirectoryGroup) async throws {
        try await identityGeneration.advancing {
            try await directory { try await DirectoryStatements.insertGroup(group, in: $0) }
        }
    }

    public func group(id: String) async throws -> DirectoryGroup? {
        try await directory { try await DirectoryStatements.group(id: id, in: $0) }
    }

    public func groups(_ lookup: DirectoryGroupLookup) async throws -> [DirectoryGroup] {
        try await directory { try await DirectoryStatements.groups(lookup, in: $0) }
    }

    public func updateGroup(_ group: DirectoryGroup, expectedVersion: Int64) async throws -> Bool {
        try await identityGeneration.advancing {
            try await directory {
                try await DirectoryStatements.updateGroup(group, expectedVersion: expectedVersion, in: $0)
            }
        }
    }

    public func deleteGroup(id: String, expectedVersion: Int64?) async throws -> Bool {
        try await identityGeneration.advancing {
            try await directory {
                try await DirectoryStatements.deleteGroup(id: id, expectedVersion: expectedVersion, in: $0)
            }
        }
    }
}
