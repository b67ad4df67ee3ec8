import Foundation

/// The few SQL differences between the drivers: placeholders.
enum SQLDialect {
    case sqlite
    case postgres

    /// The placeholder for the `index`-th (0-based) bound value.
    func placeholder(_ index: Int) -> String {
        switch self {
        case .sqlite: "?"
        case .postgres: "$\(index + 1)"
        }
    }

    /// `INSERT INTO table (columns) VALUES (...), (...)` for `rows` rows of `width` values.
    func insert(table: String, columns: String, width: Int, rows: Int) -> String {
        var sql = "INSERT INTO \(table) (\(columns)) VALUES "
        var index = 0
        for row in 0..<rows {
            if row > 0 { sql += ", " }
            sql += "("
            for column in 0..<width {
                if column > 0 { sql += ", " }
                sql += placeholder(index)
                index += 1
            }
            sql += ")"
        }
        return sql
    }

    /// The filtered, newest-first audit query and its bound values.
    func auditQuery(_ query: AuditQuery) -> (String, [StoreValue]) {
        var clauses: [String] = []
        var binds: [StoreValue] = []
        func add(_ clause: String, _ value: StoreValue) {
            clauses.append(clause.replacingPlaceholder(with: placeholder(binds.count)))
            binds.append(value)
        }
        if let subject = query.subject { add("subject = ?", .text(subject)) }
        if let action = query.action { add("action = ?", .text(action)) }
        if let decision = query.decision { add("decision = ?", .text(decision)) }
        if let since = query.sinceMicros { add("time_micros >= ?", .int(since)) }
        if let until = query.untilMicros { add("time_micros < ?", .int(until)) }
        var sql = "SELECT \(AuditColumns.list) FROM audit_records"
        if !clauses.isEmpty { sql += " WHERE " + clauses.joined(separator: " AND ") }
        sql += " ORDER BY seq DESC LIMIT \(query.limit)"
        return (sql, binds)
    }
}

extension String {
    fileprivate func replacingPlaceholder(with placeholder: String) -> String {
        guard let range = range(of: "?") else { return self }
        return replacingCharacters(in: range, with: placeholder)
    }
}
