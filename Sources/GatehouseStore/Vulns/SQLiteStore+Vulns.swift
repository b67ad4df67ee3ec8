extension SQLiteStore {
    public func importVulnRecords(_ records: [VulnRecordRow], source: String, nowMicros: Int64) async throws
        -> VulnDBStatus
    {
        try await transaction {
            try await VulnStatements.importRecords(records, source: source, nowMicros: nowMicros, in: writeSession)
        }
    }

    public func vulnRecords(after id: String, limit: Int) async throws -> [VulnRecordRow] {
        try await guarded { try await VulnStatements.records(after: id, limit: limit, in: readSession) }
    }

    public func vulnStatus() async throws -> VulnDBStatus {
        try await guarded { try await VulnStatements.status(in: readSession) }
    }

    public func vulnGeneration() async throws -> Int64 {
        try await guarded { try await VulnStatements.generation(in: readSession) }
    }
}
