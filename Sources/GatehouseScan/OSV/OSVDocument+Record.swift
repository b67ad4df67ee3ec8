import GatehouseCore

extension OSVDocument {
    /// Limits on the counts and lengths a record may have.
    enum Limit {
        static let idBytes = 256
        static let aliases = 1_024
        static let affected = 10_000
        static let ranges = 1_000
        static let events = 10_000
        static let versions = 100_000
        static let fieldBytes = 1_024
        static let summaryScalars = 1_024
        static let detailsScalars = 65_536
    }

    /// The checked, bounded record.
    func record() throws(GatehouseError) -> OSVRecord {
        let id = try Self.field(self.id, "id")
        if id.isEmpty { throw GatehouseError(.vulnDataInvalid, "OSV record: id is empty") }
        let location = "OSV record \(VersionInput.quoted(id))"
        var record = OSVRecord(id: id, modified: try Self.field(modified, "modified"), affected: [])
        if let published { record.published = try Self.field(published, "published") }
        if let withdrawn { record.withdrawn = try Self.field(withdrawn, "withdrawn") }
        let aliases = self.aliases ?? []
        if aliases.count > Limit.aliases { throw GatehouseError(.vulnDataInvalid, "\(location): too many aliases") }
        for alias in aliases { record.aliases.append(try Self.field(alias, "aliases[]")) }
        record.summary = summary.map { Self.cut($0, Limit.summaryScalars) }
        record.details = details.map { Self.cut($0, Limit.detailsScalars) }
        record.severity = try Self.scores(severity, location)
        record.databaseSeverity = database_specific?.severity.map { Self.cut($0, 64) }
        let affected = self.affected ?? []
        if affected.count > Limit.affected {
            throw GatehouseError(.vulnDataInvalid, "\(location): too many affected entries")
        }
        for (index, entry) in affected.enumerated() {
            record.affected.append(try Self.affected(entry, "\(location) affected[\(index)]"))
        }
        return record
    }

    /// One `affected[]` entry, checked.
    private static func affected(_ entry: Affected, _ location: String) throws(GatehouseError) -> OSVAffected {
        guard let package = entry.package else {
            throw GatehouseError(.vulnDataInvalid, "\(location): package is missing")
        }
        var reference = OSVPackage(
            ecosystem: try field(package.ecosystem, "package.ecosystem"), name: try field(package.name, "package.name"))
        if let purl = package.purl { reference.purl = try field(purl, "package.purl") }
        var result = OSVAffected(package: reference)
        let ranges = entry.ranges ?? []
        if ranges.count > Limit.ranges { throw GatehouseError(.vulnDataInvalid, "\(location): too many ranges") }
        for (index, range) in ranges.enumerated() {
            result.ranges.append(try self.range(range, "\(location).ranges[\(index)]"))
        }
        let versions = entry.versions ?? []
        if versions.count > Limit.versions { throw GatehouseError(.vulnDataInvalid, "\(location): too many versions") }
        for version in versions { result.versions.append(try field(version, "versions[]")) }
        result.severity = try scores(entry.severity, location)
        result.ecosystemSeverity = entry.ecosystem_specific?.severity.map { cut($0, 64) }
        result.databaseSeverity = entry.database_specific?.severity.map { cut($0, 64) }
        return result
    }

    /// One range: a known type and events with exactly one field each.
    private static func range(_ range: Range, _ location: String) throws(GatehouseError) -> OSVRange {
        let type = try field(range.type, "type")
        if range.events.isEmpty { throw GatehouseError(.vulnDataInvalid, "\(location): no events") }
        if range.events.count > Limit.events { throw GatehouseError(.vulnDataInvalid, "\(location): too many events") }
        var events: [OSVEvent] = []
        for (index, event) in range.events.enumerated() {
            var found: [OSVEvent] = []
            if let value = event.introduced { found.append(.introduced(try field(value, "introduced"))) }
            if let value = event.fixed { found.append(.fixed(try field(value, "fixed"))) }
            if let value = event.last_affected { found.append(.lastAffected(try field(value, "last_affected"))) }
            if let value = event.limit { found.append(.limit(try field(value, "limit"))) }
            guard found.count == 1, let only = found.first else {
                throw GatehouseError(
                    .vulnDataInvalid,
                    "\(location).events[\(index)]: needs exactly one of introduced, fixed, last_affected, limit")
            }
            events.append(only)
        }
        return OSVRange(type: type, events: events)
    }

    /// `severity[]`, bounded.
    private static func scores(_ scores: [Score]?, _ location: String) throws(GatehouseError) -> [OSVSeverityScore] {
        let scores = scores ?? []
        if scores.count > 64 { throw GatehouseError(.vulnDataInvalid, "\(location): too many severity entries") }
        var result: [OSVSeverityScore] = []
        for score in scores {
            result.append(
                OSVSeverityScore(
                    type: try field(score.type, "severity[].type"), score: try field(score.score, "severity[].score")))
        }
        return result
    }

    /// A short string field, refused when longer than `Limit.fieldBytes`.
    private static func field(_ value: String, _ name: String) throws(GatehouseError) -> String {
        if value.utf8.count > Limit.fieldBytes {
            throw GatehouseError(.vulnDataInvalid, "OSV record: \(name) is longer than \(Limit.fieldBytes) bytes")
        }
        return value
    }

    /// `text` cut to `limit` Unicode scalars.
    private static func cut(_ text: String, _ limit: Int) -> String {
        if text.unicodeScalars.count <= limit { return text }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: text.unicodeScalars.prefix(limit))
        return String(view)
    }
}
