public import Foundation

extension PostgresStore {
    public func appendUsage(_ records: [UsageRecord]) async throws {
        guard !records.isEmpty else { return }
        try await directory { try await UsageStatements.append(records, in: $0) }
    }

    public func usageTotals(_ query: UsageQuery) async throws -> [UsageTotal] {
        try await directory { try await UsageStatements.totals(query, in: $0) }
    }

    public func spend(principal: String, groups: [String], since: Date) async throws -> UsageSpend {
        try await directory {
            try await UsageStatements.spend(principal: principal, groups: groups, since: since, in: $0)
        }
    }
}
