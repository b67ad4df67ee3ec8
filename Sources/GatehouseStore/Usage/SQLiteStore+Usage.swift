public import Foundation

extension SQLiteStore {
    public func appendUsage(_ records: [UsageRecord]) async throws {
        guard !records.isEmpty else { return }
        try await transaction { try await UsageStatements.append(records, in: writeSession) }
    }

    public func usageTotals(_ query: UsageQuery) async throws -> [UsageTotal] {
        try await guarded { try await UsageStatements.totals(query, in: readSession) }
    }

    public func spend(principal: String, groups: [String], since: Date) async throws -> UsageSpend {
        try await guarded {
            try await UsageStatements.spend(principal: principal, groups: groups, since: since, in: readSession)
        }
    }
}
