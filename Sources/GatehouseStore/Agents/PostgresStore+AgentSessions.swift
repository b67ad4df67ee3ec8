extension PostgresStore {
    public func saveAgentSession(_ record: AgentSessionRecord) async throws {
        try await directory { try await AgentSessionStatements.save(record, in: $0) }
    }

    public func agentSession(id: String) async throws -> AgentSessionRecord? {
        try await directory { try await AgentSessionStatements.record(id: id, in: $0) }
    }

    public func agentSessions(_ query: AgentSessionQuery) async throws -> [AgentSessionRecord] {
        try await directory { try await AgentSessionStatements.records(query, in: $0) }
    }
}
