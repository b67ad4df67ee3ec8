/// One driver's connection inside a transaction (or a read), so the directory's SQL is written
/// once for both drivers. Statements use `?` placeholders; the session numbers them when its
/// dialect needs it.
protocol SQLSession: Sendable {
    /// The placeholder style.
    var dialect: SQLDialect { get }
    /// Runs one statement and returns its rows as cells.
    func rows(_ sql: String, _ binds: [StoreValue]) async throws -> [[StoreValue]]
}

extension SQLSession {
    /// Runs a statement whose rows are not needed.
    func run(_ sql: String, _ binds: [StoreValue]) async throws {
        _ = try await rows(sql, binds)
    }
}

extension SQLDialect {
    /// `sql` with each `?` replaced by this dialect's placeholder, numbered left to right.
    func numbered(_ sql: String) -> String {
        guard self == .postgres else { return sql }
        var out = ""
        var index = 0
        for character in sql {
            if character == "?" {
                out += placeholder(index)
                index += 1
            } else {
                out.append(character)
            }
        }
        return out
    }
}
