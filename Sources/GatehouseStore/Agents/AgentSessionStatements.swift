import Foundation
import GatehouseCore

/// The agent session table's SQL, written once for both drivers.
enum AgentSessionStatements {
    /// Every column but `messages`, in ``AgentSessionRecord/init(cells:messages:)`` order.
    static let summary =
        "id, parent_id, owner, file_name, agent, title, state, created_micros, updated_micros, tokens_in, "
        + "tokens_out, cost_micros, error"

    /// What an upsert replaces: everything but the id, the owner and the parent.
    private static let replaced = [
        "file_name", "agent", "title", "state", "created_micros", "updated_micros", "tokens_in", "tokens_out",
        "cost_micros", "error", "messages",
    ].map { "\($0) = excluded.\($0)" }.joined(separator: ", ")

    /// Inserts `record`, or replaces the stored one with its id. One statement, so two replicas
    /// saving the same new id cannot both win: the update only applies when owner and parent
    /// match, and a refused update returns no row.
    static func save(_ record: AgentSessionRecord, in session: some SQLSession) async throws {
        try record.validate()
        let sql =
            session.dialect.insert(table: "agent_sessions", columns: summary + ", messages", width: 14, rows: 1)
            + " ON CONFLICT (id) DO UPDATE SET \(replaced) WHERE agent_sessions.owner = excluded.owner"
            + " AND COALESCE(agent_sessions.parent_id, '') = COALESCE(excluded.parent_id, '') RETURNING id"
        guard try await session.rows(sql, record.cells).isEmpty else { return }
        let stored = try await self.record(id: record.id, messages: false, in: session)
        let what = stored?.owner == record.owner ? "was delegated by another session" : "belongs to someone else"
        throw GatehouseError(.conflict, "agent session \(record.id) \(what)")
    }

    /// The session with `id`, with its conversation when `messages` is true.
    static func record(id: String, messages: Bool = true, in session: some SQLSession) async throws
        -> AgentSessionRecord?
    {
        let columns = messages ? summary + ", messages" : summary
        return try await session.rows(
            session.dialect.numbered("SELECT \(columns) FROM agent_sessions WHERE id = ?"), [.text(id)]
        ).first.flatMap(AgentSessionRecord.init(cells:))
    }

    /// The sessions `query` asks for, newest first, then by id (descending).
    static func records(_ query: AgentSessionQuery, in session: some SQLSession) async throws
        -> [AgentSessionRecord]
    {
        var clauses: [String] = []
        var binds: [StoreValue] = []
        if let owner = query.owner {
            clauses.append("owner = ?")
            binds.append(.text(owner))
        }
        if let parent = query.parentID {
            clauses.append("parent_id = ?")
            binds.append(.text(parent))
        }
        var sql = "SELECT \(query.includeMessages ? summary + ", messages" : summary) FROM agent_sessions"
        if !clauses.isEmpty { sql += " WHERE " + clauses.joined(separator: " AND ") }
        sql += " ORDER BY created_micros DESC, id DESC LIMIT ?"
        binds.append(.int(Int64(min(max(query.limit, 1), AgentSessionQuery.maxLimit))))
        return try await session.rows(session.dialect.numbered(sql), binds).compactMap(AgentSessionRecord.init(cells:))
    }
}
