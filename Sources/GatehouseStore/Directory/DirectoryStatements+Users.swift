import GatehouseCore

/// The directory's SQL, written once over ``SQLSession`` for both drivers. Every function runs
/// inside the caller's transaction.
enum DirectoryStatements {
    static func insertUser(_ user: DirectoryUser, in session: some SQLSession) async throws {
        try await ensureUnique(user, in: session)
        let sql = session.dialect.insert(
            table: "directory_users", columns: DirectoryColumns.users, width: 12, rows: 1)
        try await session.run(sql, user.cells)
    }

    static func user(id: String, in session: some SQLSession) async throws -> DirectoryUser? {
        try await users(where: "id = ?", [.text(id)], in: session).first
    }

    static func users(_ lookup: DirectoryUserLookup, in session: some SQLSession) async throws -> [DirectoryUser] {
        switch lookup {
        case .all: try await users(where: nil, [], in: session)
        case .userName(let name):
            try await users(where: "user_name_key = ?", [.text(DirectoryUser.nameKey(name))], in: session)
        case .externalID(let id): try await users(where: "external_id = ?", [.text(id)], in: session)
        case .linked(let link):
            try await users(
                where: "link_issuer = ? AND link_subject = ?", [.text(link.issuer), .text(link.subject)], in: session)
        }
    }

    static func users(where clause: String?, _ binds: [StoreValue], in session: some SQLSession) async throws
        -> [DirectoryUser]
    {
        var sql = "SELECT \(DirectoryColumns.users) FROM directory_users"
        if let clause { sql += " WHERE " + clause }
        sql += " ORDER BY created_micros, id"
        return try await session.rows(session.dialect.numbered(sql), binds).compactMap(DirectoryUser.init(cells:))
    }

    /// Replaces a user whose stored version is still `expectedVersion`; false when it is not
    /// (changed meanwhile, or gone). An inactive result revokes every token of its linked
    /// identity in the same transaction.
    static func updateUser(
        _ user: DirectoryUser, expectedVersion: Int64, nowMicros: Int64, in session: some SQLSession
    ) async throws -> Bool {
        try await ensureUnique(user, in: session)
        let cells = user.cells
        let sql = """
            UPDATE directory_users SET user_name = ?, user_name_key = ?, external_id = ?, active = ?, version = ?,
            modified_micros = ?, document = ?, link_issuer = ?, link_subject = ?, claim_groups = ?
            WHERE id = ? AND version = ? RETURNING id
            """
        let binds = Array(cells[1...5]) + [cells[7]] + Array(cells[8...11]) + [.text(user.id), .int(expectedVersion)]
        let updated = try await session.rows(session.dialect.numbered(sql), binds)
        guard !updated.isEmpty else { return false }
        if !user.active, let link = user.link {
            try await revokeTokens(of: link, nowMicros: nowMicros, in: session)
        }
        return true
    }

    /// Deletes a user, its memberships and every token of its linked identity. Nil when there is
    /// no such user; throws ``GatehouseError/Code/preconditionFailed`` on a version mismatch.
    static func deleteUser(
        id: String, expectedVersion: Int64?, nowMicros: Int64, in session: some SQLSession
    ) async throws -> DirectoryUser? {
        guard let user = try await user(id: id, in: session) else { return nil }
        if let expectedVersion, expectedVersion != user.version {
            throw GatehouseError(.preconditionFailed, "the user has changed since that version")
        }
        try await session.run(session.dialect.numbered("DELETE FROM directory_members WHERE user_id = ?"), [.text(id)])
        try await session.run(session.dialect.numbered("DELETE FROM directory_users WHERE id = ?"), [.text(id)])
        if let link = user.link { try await revokeTokens(of: link, nowMicros: nowMicros, in: session) }
        return user
    }

    static func revokeTokens(of link: DirectoryUser.Link, nowMicros: Int64, in session: some SQLSession) async throws {
        try await session.run(
            session.dialect.numbered(
                "UPDATE access_tokens SET revoked_micros = ? WHERE issuer = ? AND subject = ? AND revoked_micros IS NULL"
            ), [.int(nowMicros), .text(link.issuer), .text(link.subject)])
    }

    /// `userName` (case-insensitively) and the linked identity belong to one user each.
    private static func ensureUnique(_ user: DirectoryUser, in session: some SQLSession) async throws {
        let holders = try await session.rows(
            session.dialect.numbered("SELECT id FROM directory_users WHERE user_name_key = ? AND id <> ?"),
            [.text(DirectoryUser.nameKey(user.userName)), .text(user.id)])
        guard holders.isEmpty else {
            throw GatehouseError(.conflict, "a user with userName \"\(user.userName)\" already exists")
        }
        if let link = user.link {
            let linked = try await session.rows(
                session.dialect.numbered(
                    "SELECT id FROM directory_users WHERE link_issuer = ? AND link_subject = ? AND id <> ?"),
                [.text(link.issuer), .text(link.subject), .text(user.id)])
            guard linked.isEmpty else {
                throw GatehouseError(.conflict, "that sign-in identity is already linked to another user")
            }
        }
    }
}
