extension VulnIndex {
    /// Adds one record's evaluable `affected[]` entries.
    mutating func add(_ record: OSVRecord) {
        let recordIndex = records.count
        var added = false
        for affected in record.affected {
            guard let ecosystem = OSVEcosystem(affected.package.ecosystem) else {
                skippedEntries += 1
                continue
            }
            var ranges: [VersionRange] = []
            for range in affected.ranges {
                let scheme: VersionScheme
                switch range.type {
                case "SEMVER": scheme = .semver
                case "ECOSYSTEM": scheme = ecosystem.family.scheme
                default: continue
                }
                if let parsed = VersionRange(range, scheme: scheme) {
                    ranges.append(parsed)
                } else {
                    skippedRanges += 1
                }
            }
            if ranges.isEmpty && affected.versions.isEmpty { continue }
            let rating = Self.rating(record, affected)
            let key = Self.key(ecosystem.family, ecosystem.normalizedName(affected.package.name))
            byPackage[key, default: []].append(entries.count)
            entries.append(
                Entry(
                    record: recordIndex, ecosystem: ecosystem, ecosystemText: affected.package.ecosystem,
                    package: affected.package.name, ranges: ranges, versions: Set(affected.versions),
                    severity: rating.severity, score: rating.score))
            added = true
        }
        if added {
            records.append(RecordInfo(id: record.id, aliases: record.aliases, summary: record.summary))
        }
    }

    /// The severity of `affected` in `record`: the highest CVSS v3 base score of the package's and the
    /// record's `severity[]`; else the first textual rating among the package's
    /// `ecosystem_specific`, its `database_specific`, an `Ubuntu` priority, the record's
    /// `database_specific`; else unknown. CVSS v4 vectors are not scored (they need the v4 lookup
    /// tables), so a record with only a v4 vector falls back to its textual rating.
    static func rating(_ record: OSVRecord, _ affected: OSVAffected) -> (severity: Severity, score: Double?) {
        var best: Double?
        var priority: String?
        for entry in affected.severity + record.severity {
            if entry.type == "CVSS_V3", let score = CVSS3.baseScore(entry.score) {
                best = max(best ?? score, score)
            } else if entry.type == "Ubuntu", priority == nil {
                priority = entry.score
            }
        }
        if let best { return (Severity(score: best), best) }
        for text in [affected.ecosystemSeverity, affected.databaseSeverity, priority, record.databaseSeverity] {
            if let text, let severity = Severity(text: text) { return (severity, nil) }
        }
        return (.unknown, nil)
    }
}
