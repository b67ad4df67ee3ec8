extension SQLiteStore {
    public func saveAgentSession(_ record: AgentSessionRecord) async throws {
        try await transaction { try await AgentSessionStatements.save(record, in: writeSession) }
    }

    public func agentSession(id: String) async throws -> AgentSessionRecord? {
        try await guarded { try await AgentSessionStatements.record(id: id, in: readSession) }
    }

    public func agentSessions(_ query: AgentSessionQuery) async throws -> [AgentSessionRecord] {
        try await guarded { try await AgentSessionStatements.records(query, in: readSession) }
    }
}
