extension PostgresStore {
    public func importVulnRecords(_ records: [VulnRecordRow], source: String, nowMicros: Int64) async throws
        -> VulnDBStatus
    {
        try await directory { session in
            // One import at a time, so generations stay in order across replicas.
            try await session.run("LOCK TABLE vuln_imports IN EXCLUSIVE MODE", [])
            return try await VulnStatements.importRecords(records, source: source, nowMicros: nowMicros, in: session)
        }
    }

    public func vulnRecords(after id: String, limit: Int) async throws -> [VulnRecordRow] {
        try await directory { try await VulnStatements.records(after: id, limit: limit, in: $0) }
    }

    public func vulnStatus() async throws -> VulnDBStatus {
        try await directory { try await VulnStatements.status(in: $0) }
    }

    public func vulnGeneration() async throws -> Int64 {
        try await directory { try await VulnStatements.generation(in: $0) }
    }
}
