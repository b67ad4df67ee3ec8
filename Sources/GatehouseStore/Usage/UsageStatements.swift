import Foundation
import GatehouseCore

/// The usage tables' SQL, written once for both drivers.
enum UsageStatements {
    /// Records per INSERT (10 values each, well inside both drivers' bind limits).
    static let batch = 500

    /// Inserts `records` and their groups; the caller runs this in one transaction. Ids are
    /// made here, so one multi-row INSERT serves each table and replicas never contend.
    static func append(_ records: [UsageRecord], in session: some SQLSession) async throws {
        let rows = records.map { (id: RandomPool.uuid().uuidString.lowercased(), record: $0) }
        var start = 0
        while start < rows.count {
            let chunk = rows[start..<min(start + batch, rows.count)]
            try await session.run(
                session.dialect.insert(
                    table: "usage_records",
                    columns: "id, at_micros, principal, principal_display, model, route, prompt_tokens, "
                        + "completion_tokens, cost_micros, estimated",
                    width: 10, rows: chunk.count),
                chunk.flatMap { id, record in
                    [
                        .text(id), .int(micros(record.at)), .text(record.principal),
                        record.principalDisplay.map(StoreValue.text) ?? .null, .text(record.model),
                        .text(record.route), .int(Int64(record.promptTokens)), .int(Int64(record.completionTokens)),
                        .int(record.costMicros), .int(record.estimated ? 1 : 0),
                    ]
                })
            let memberships = chunk.flatMap { id, record in
                // A group named twice counts once.
                var seen: Set<String> = []
                return record.groups.filter { seen.insert($0).inserted }.map { (id, $0, micros(record.at)) }
            }
            var offset = 0
            while offset < memberships.count {
                let part = memberships[offset..<min(offset + batch, memberships.count)]
                try await session.run(
                    session.dialect.insert(
                        table: "usage_groups", columns: "record_id, group_name, at_micros", width: 3,
                        rows: part.count),
                    part.flatMap { [.text($0.0), .text($0.1), .int($0.2)] })
                offset += batch
            }
            start += batch
        }
    }

    /// The totals `query` asks for, by cost (highest first), then key.
    static func totals(_ query: UsageQuery, in session: some SQLSession) async throws -> [UsageTotal] {
        var clauses = ["r.at_micros >= ?"]
        var binds: [StoreValue] = [.int(micros(query.since))]
        if let until = query.until {
            clauses.append("r.at_micros < ?")
            binds.append(.int(micros(until)))
        }
        if let principal = query.principal {
            clauses.append("r.principal = ?")
            binds.append(.text(principal))
        }
        var from = "usage_records r"
        let key: String
        switch query.by {
        case .user: key = "r.principal"
        case .model: key = "r.model"
        case .route: key = "r.route"
        case .group:
            from += " JOIN usage_groups g ON g.record_id = r.id"
            key = "g.group_name"
        }
        if let group = query.group {
            clauses.append(
                query.by == .group
                    ? "g.group_name = ?"
                    : "EXISTS (SELECT 1 FROM usage_groups f WHERE f.record_id = r.id AND f.group_name = ?)")
            binds.append(.text(group))
        }
        let sql = """
            SELECT \(key), COUNT(*), \(sums) FROM \(from) WHERE \(clauses.joined(separator: " AND ")) \
            GROUP BY \(key)
            """
        return sorted(try await session.rows(session.dialect.numbered(sql), binds).compactMap(total))
    }

    /// The principal's total and each group's total since `since`.
    static func spend(principal: String, groups: [String], since: Date, in session: some SQLSession) async throws
        -> UsageSpend
    {
        let start = micros(since)
        let own = try await session.rows(
            session.dialect.numbered(
                """
                SELECT r.principal, COUNT(*), \(sums) FROM usage_records r WHERE r.principal = ? AND r.at_micros >= ? \
                GROUP BY r.principal
                """),
            [.text(principal), .int(start)])
        var result = UsageSpend(
            principal: own.first.flatMap(total) ?? UsageTotal(key: principal),
            groups: Dictionary(groups.map { ($0, UsageTotal(key: $0)) }, uniquingKeysWith: { first, _ in first }))
        guard !groups.isEmpty else { return result }
        let names = Array(result.groups.keys)
        let placeholders = Array(repeating: "?", count: names.count).joined(separator: ", ")
        let rows = try await session.rows(
            session.dialect.numbered(
                """
                SELECT g.group_name, COUNT(*), \(sums) FROM usage_groups g JOIN usage_records r ON r.id = g.record_id \
                WHERE g.group_name IN (\(placeholders)) AND g.at_micros >= ? GROUP BY g.group_name
                """),
            names.map(StoreValue.text) + [.int(start)])
        for total in rows.compactMap(total) { result.groups[total.key] = total }
        return result
    }

    /// The summed columns, as integers in both drivers (PostgreSQL sums BIGINT to NUMERIC).
    private static let sums = ["r.prompt_tokens", "r.completion_tokens", "r.cost_micros"]
        .map { "CAST(COALESCE(SUM(\($0)), 0) AS BIGINT)" }.joined(separator: ", ")

    private static func total(_ cells: [StoreValue]) -> UsageTotal? {
        guard cells.count == 5, case .text(let key) = cells[0], case .int(let requests) = cells[1],
            case .int(let prompt) = cells[2], case .int(let completion) = cells[3], case .int(let cost) = cells[4]
        else { return nil }
        return UsageTotal(
            key: key, requests: Int(requests), promptTokens: Int(prompt), completionTokens: Int(completion),
            costMicros: cost)
    }

    /// Sorted here, not in SQL: the drivers collate text differently.
    private static func sorted(_ totals: [UsageTotal]) -> [UsageTotal] {
        totals.sorted { ($0.costMicros, $1.key) > ($1.costMicros, $0.key) }
    }

    static func micros(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1_000_000).rounded())
    }
}
