/// The vulnerability tables' SQL, written once for both drivers.
enum VulnStatements {
    /// Rows per INSERT (4 values each, well inside both drivers' bind limits).
    static let batch = 500

    /// Inserts or replaces `records` and records the import; the caller runs this in one
    /// transaction, so an import is all or nothing.
    static func importRecords(
        _ records: [VulnRecordRow], source: String, nowMicros: Int64, in session: some SQLSession
    ) async throws -> VulnDBStatus {
        // One row per id (the last wins), or one statement would update a row twice.
        var latest: [String: VulnRecordRow] = [:]
        for record in records { latest[record.id] = record }
        let unique = latest.values.sorted { $0.id < $1.id }
        var start = 0
        while start < unique.count {
            let chunk = unique[start..<min(start + batch, unique.count)]
            let sql =
                session.dialect.insert(
                    table: "vuln_records", columns: "id, ecosystem, modified, document", width: 4, rows: chunk.count)
                + " ON CONFLICT (id) DO UPDATE SET ecosystem = excluded.ecosystem, modified = excluded.modified,"
                + " document = excluded.document"
            try await session.run(
                sql, chunk.flatMap { [.text($0.id), .text($0.ecosystem), .text($0.modified), .text($0.document)] })
            start += batch
        }
        let next = try await generation(in: session) + 1
        try await session.run(
            session.dialect.numbered(
                "INSERT INTO vuln_imports (seq, source, imported_micros, records) VALUES (?, ?, ?, ?)"),
            [.int(next), .text(source), .int(nowMicros), .int(Int64(unique.count))])
        return try await status(in: session)
    }

    static func generation(in session: some SQLSession) async throws -> Int64 {
        let rows = try await session.rows("SELECT COALESCE(MAX(seq), 0) FROM vuln_imports", [])
        if case .int(let value) = rows.first?.first { return value }
        return 0
    }

    /// Up to `limit` records with ids after `id`, in id order.
    static func records(after id: String, limit: Int, in session: some SQLSession) async throws -> [VulnRecordRow] {
        let rows = try await session.rows(
            session.dialect.numbered(
                "SELECT id, ecosystem, modified, document FROM vuln_records WHERE id > ? ORDER BY id LIMIT ?"),
            [.text(id), .int(Int64(limit))])
        return rows.compactMap { cells in
            guard cells.count == 4, case .text(let id) = cells[0], case .text(let ecosystem) = cells[1],
                case .text(let modified) = cells[2], case .text(let document) = cells[3]
            else { return nil }
            return VulnRecordRow(id: id, ecosystem: ecosystem, modified: modified, document: document)
        }
    }

    static func status(in session: some SQLSession) async throws -> VulnDBStatus {
        var ecosystems: [String: Int] = [:]
        for cells in try await session.rows(
            "SELECT ecosystem, COUNT(*) FROM vuln_records GROUP BY ecosystem", [])
        {
            guard cells.count == 2, case .text(let name) = cells[0], case .int(let count) = cells[1] else { continue }
            ecosystems[name] = Int(count)
        }
        let last = try await session.rows(
            "SELECT seq, source, imported_micros FROM vuln_imports ORDER BY seq DESC LIMIT 1", [])
        var status = VulnDBStatus(
            records: ecosystems.values.reduce(0, +), ecosystems: ecosystems, generation: 0, lastImportMicros: nil,
            lastSource: nil)
        if let cells = last.first, cells.count == 3 {
            if case .int(let seq) = cells[0] { status.generation = seq }
            if case .text(let source) = cells[1] { status.lastSource = source }
            if case .int(let micros) = cells[2] { status.lastImportMicros = micros }
        }
        return status
    }
}
