import GatehouseCore

extension DirectoryStatements {
    static func insertGroup(_ group: DirectoryGroup, in session: some SQLSession) async throws {
        let sql = session.dialect.insert(
            table: "directory_groups", columns: DirectoryColumns.groups, width: 8, rows: 1)
        try await session.run(sql, group.cells)
        try await setMembers(of: group.id, to: group.members, in: session)
    }

    static func group(id: String, in session: some SQLSession) async throws -> DirectoryGroup? {
        try await groups(where: "id = ?", [.text(id)], in: session).first
    }

    static func groups(_ lookup: DirectoryGroupLookup, in session: some SQLSession) async throws -> [DirectoryGroup] {
        switch lookup {
        case .all: try await groups(where: nil, [], in: session)
        case .displayName(let name):
            try await groups(where: "display_name_key = ?", [.text(name.lowercased())], in: session)
        case .externalID(let id): try await groups(where: "external_id = ?", [.text(id)], in: session)
        case .member(let user):
            try await groups(
                where: "id IN (SELECT group_id FROM directory_members WHERE user_id = ?)", [.text(user)], in: session)
        }
    }

    /// Groups with their members: one query for the groups, one for all their memberships.
    static func groups(where clause: String?, _ binds: [StoreValue], in session: some SQLSession) async throws
        -> [DirectoryGroup]
    {
        var sql = "SELECT \(DirectoryColumns.groups) FROM directory_groups"
        if let clause { sql += " WHERE " + clause }
        sql += " ORDER BY created_micros, id"
        var groups = try await session.rows(session.dialect.numbered(sql), binds).compactMap(
            DirectoryGroup.init(cells:))
        guard !groups.isEmpty else { return [] }
        var memberSQL = "SELECT group_id, user_id FROM directory_members"
        var memberBinds: [StoreValue] = []
        if groups.count == 1 {
            memberSQL += " WHERE group_id = ?"
            memberBinds = [.text(groups[0].id)]
        } else if let clause {
            memberSQL += " WHERE group_id IN (SELECT id FROM directory_groups WHERE \(clause))"
            memberBinds = binds
        }
        var members: [String: [String]] = [:]
        for row in try await session.rows(session.dialect.numbered(memberSQL), memberBinds) {
            guard let group = row.first?.text, let user = row.last?.text else { continue }
            members[group, default: []].append(user)
        }
        for index in groups.indices { groups[index].members = (members[groups[index].id] ?? []).sorted() }
        return groups
    }

    /// Replaces a group whose stored version is still `expectedVersion`, members included;
    /// false when it is not.
    static func updateGroup(_ group: DirectoryGroup, expectedVersion: Int64, in session: some SQLSession)
        async throws -> Bool
    {
        let cells = group.cells
        let sql = """
            UPDATE directory_groups SET display_name = ?, display_name_key = ?, external_id = ?, version = ?,
            modified_micros = ?, document = ? WHERE id = ? AND version = ? RETURNING id
            """
        let binds = Array(cells[1...4]) + Array(cells[6...7]) + [.text(group.id), .int(expectedVersion)]
        guard try await !session.rows(session.dialect.numbered(sql), binds).isEmpty else { return false }
        try await setMembers(of: group.id, to: group.members, in: session)
        return true
    }

    /// Deletes a group and its memberships; false when there is no such group.
    static func deleteGroup(id: String, expectedVersion: Int64?, in session: some SQLSession) async throws -> Bool {
        guard let group = try await group(id: id, in: session) else { return false }
        if let expectedVersion, expectedVersion != group.version {
            throw GatehouseError(.preconditionFailed, "the group has changed since that version")
        }
        try await session.run(session.dialect.numbered("DELETE FROM directory_members WHERE group_id = ?"), [.text(id)])
        try await session.run(session.dialect.numbered("DELETE FROM directory_groups WHERE id = ?"), [.text(id)])
        return true
    }

    /// Makes the stored members of `groupID` exactly `members`, writing only the difference.
    /// Ids of users that do not exist are dropped (a provisioning client may push a group
    /// before its members, and SCIM clients expect the request to succeed).
    static func setMembers(of groupID: String, to members: [String], in session: some SQLSession) async throws {
        let current = Set(
            try await session.rows(
                session.dialect.numbered("SELECT user_id FROM directory_members WHERE group_id = ?"), [.text(groupID)]
            ).compactMap { $0.first?.text })
        let wanted = Set(members)
        for user in current.subtracting(wanted).sorted() {
            try await session.run(
                session.dialect.numbered("DELETE FROM directory_members WHERE group_id = ? AND user_id = ?"),
                [.text(groupID), .text(user)])
        }
        for user in wanted.subtracting(current).sorted() {
            let exists = try await session.rows(
                session.dialect.numbered("SELECT id FROM directory_users WHERE id = ?"), [.text(user)])
            guard !exists.isEmpty else { continue }
            try await session.run(
                session.dialect.numbered("INSERT INTO directory_members (group_id, user_id) VALUES (?, ?)"),
                [.text(groupID), .text(user)])
        }
    }
}
