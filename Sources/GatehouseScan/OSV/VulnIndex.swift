/// OSV records indexed by ecosystem family and package name, with range versions parsed once, for
/// matching many installed packages quickly.
public struct VulnIndex: Sendable {
    /// What a match reports about its record.
    struct RecordInfo: Sendable {
        var id: String
        var aliases: [String]
        var summary: String?
    }

    /// One `affected[]` entry ready to evaluate.
    struct Entry: Sendable {
        var record: Int
        var ecosystem: OSVEcosystem
        var ecosystemText: String
        var package: String
        var ranges: [VersionRange]
        var versions: Set<String>
        var severity: Severity
        var score: Double?
    }

    /// The records' reported fields.
    var records: [RecordInfo] = []
    /// The entries.
    var entries: [Entry] = []
    /// Entry indices by `family NUL normalised-name`.
    var byPackage: [String: [Int]] = [:]

    /// Records indexed (withdrawn ones are left out).
    public var recordCount: Int { records.count }
    /// Ranges left out because a version in them is not a version of their scheme.
    public internal(set) var skippedRanges = 0
    /// `affected[]` entries left out because their ecosystem is not one the scanner evaluates.
    public internal(set) var skippedEntries = 0

    /// Indexes `records`; withdrawn records are left out.
    public init(records: [OSVRecord]) {
        for record in records where !record.isWithdrawn {
            add(record)
        }
    }

    /// The records that affect `version` of package `name` in `ecosystem` (e.g. `Debian:12`,
    /// `Alpine:v3.19`, `PyPI`), at most one match per record. An ecosystem the scanner does not
    /// evaluate matches nothing. Debian and Ubuntu records name source packages.
    public func matches(ecosystem: String, name: String, version: String) -> [VulnMatch] {
        guard let query = OSVEcosystem(ecosystem),
            let candidates = byPackage[Self.key(query.family, query.normalizedName(name))]
        else { return [] }
        var installed = InstalledVersion(text: version)
        var results: [VulnMatch] = []
        var seen: Set<Int> = []
        for index in candidates {
            let entry = entries[index]
            guard entry.ecosystem.applies(to: query), !seen.contains(entry.record),
                case let (affected, fixed) = Self.evaluate(entry, &installed), affected
            else { continue }
            seen.insert(entry.record)
            let info = records[entry.record]
            results.append(
                VulnMatch(
                    id: info.id, aliases: info.aliases, summary: info.summary, severity: entry.severity,
                    score: entry.score, fixedVersion: fixed, ecosystem: entry.ecosystemText,
                    package: entry.package))
        }
        return results
    }

    /// Whether `entry` affects the installed version (listed in `versions`, or in a range), and the
    /// fixed version of the first range it is in.
    private static func evaluate(_ entry: Entry, _ installed: inout InstalledVersion) -> (Bool, String?) {
        var affected = entry.versions.contains(installed.text)
        var fixed: String?
        for range in entry.ranges {
            guard let version = installed.parsed(range.scheme) else { continue }
            let result = range.evaluate(version)
            if result.affected {
                affected = true
                if let candidate = result.fixed, fixed == nil { fixed = candidate }
            }
        }
        return (affected, fixed)
    }

    /// The dictionary key of a package.
    static func key(_ family: OSVEcosystem.Family, _ name: String) -> String {
        "\(family.rawValue)\u{0}\(name)"
    }
}

/// An installed version, parsed under each scheme at most once.
struct InstalledVersion {
    /// The version as installed.
    let text: String
    /// Parses so far (nil value: not a version of that scheme).
    private var cache: [(VersionScheme, ParsedVersion?)] = []

    /// Wraps `text`.
    init(text: String) { self.text = text }

    /// The version under `scheme`, or nil if it is not one.
    mutating func parsed(_ scheme: VersionScheme) -> ParsedVersion? {
        for (cached, value) in cache where cached == scheme { return value }
        let value = try? scheme.parse(text)
        cache.append((scheme, value))
        return value
    }
}
