public import GatehouseCore
import SQLiteNIO

/// A SQLite connection as a ``SQLSession``.
struct SQLiteSession: SQLSession {
    let connection: SQLiteConnection
    var dialect: SQLDialect { .sqlite }

    func rows(_ sql: String, _ binds: [StoreValue]) async throws -> [[StoreValue]] {
        try await connection.query(sql, binds.map(\.sqlite)).map { row in row.columns.map { StoreValue($0.data) } }
    }
}

extension SQLiteStore {
    var writeSession: SQLiteSession { SQLiteSession(connection: writer) }
    var readSession: SQLiteSession { SQLiteSession(connection: reader) }

    public func insertUser(_ user: DirectoryUser) async throws {
        try await identityGeneration.advancing {
            try await transaction { try await DirectoryStatements.insertUser(user, in: writeSession) }
        }
    }

    public func user(id: String) async throws -> DirectoryUser? {
        try await guarded { try await DirectoryStatements.user(id: id, in: readSession) }
    }

    public func users(_ lookup: DirectoryUserLookup) async throws -> [DirectoryUser] {
        try await guarded { try await DirectoryStatements.users(lookup, in: readSession) }
    }

    public func updateUser(_ user: DirectoryUser, expectedVersion: Int64, nowMicros: Int64) async throws -> Bool {
        try await identityGeneration.advancing {
            try await transaction {
                try await DirectoryStatements.updateUser(
                    user, expectedVersion: expectedVersion, nowMicros: nowMicros, in: writeSession)
            }
        }
    }

    public func deleteUser(id: String, expectedVersion: Int64?, nowMicros: Int64) async throws -> DirectoryUser? {
        try await identityGeneration.advancing {
            try await transaction {
                try await DirectoryStatements.deleteUser(
                    id: id, expectedVersion: expectedVersion, nowMicros: nowMicros, in: writeSession)
            }
        }
    }

    public func insertGroup(_ group: DirectoryGroup) async throws {
        try await identityGeneration.advancing {
            try await transaction { try await DirectoryStatements.insertGroup(group, in: writeSession) }
        }
    }

    public func group(id: String) async throws -> DirectoryGroup? {
        // Two statements (group, members) read one snapshot only inside a transaction.
        try await transaction { try await DirectoryStatements.group(id: id, in: writeSession) }
    }

    public func groups(_ lookup: DirectoryGroupLookup) async throws -> [DirectoryGroup] {
        try await transaction { try await DirectoryStatements.groups(lookup, in: writeSession) }
    }

    public func updateGroup(_ group: DirectoryGroup, expectedVersion: Int64) async throws -> Bool {
        try await identityGeneration.advancing {
            try await transaction {
                try await DirectoryStatements.updateGroup(group, expectedVersion: expectedVersion, in: writeSession)
            }
        }
    }

    public func deleteGroup(id: String, expectedVersion: Int64?) async throws -> Bool {
        try await identityGeneration.advancing {
            try await transaction {
                try await DirectoryStatements.deleteGroup(id: id, expectedVersion: expectedVersion, in: writeSession)
            }
        }
    }
}
