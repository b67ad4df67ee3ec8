public import GatehouseCore

/// One OSV vulnerability record (ossf.github.io/osv-schema), read from hostile JSON and bounded.
public struct OSVRecord: Sendable, Hashable {
    /// The largest JSON document `init(json:)` reads.
    public static let maxBytes = 4 << 20

    /// `id`, e.g. `GHSA-r9p9-mrjm-926w`, `DSA-5678-1`, `GO-2024-1234`.
    public var id: String
    /// `modified` (RFC 3339, as written).
    public var modified: String
    /// `published`, if given.
    public var published: String?
    /// `withdrawn`, if given: a withdrawn record never matches.
    public var withdrawn: String?
    /// `aliases` (CVE ids and the like).
    public var aliases: [String]
    /// `summary`, cut to 1,024 characters.
    public var summary: String?
    /// `details`, cut to 65,536 characters.
    public var details: String?
    /// `severity[]` of the whole record.
    public var severity: [OSVSeverityScore]
    /// `affected[]`.
    public var affected: [OSVAffected]
    /// `database_specific.severity`, when it is a string.
    public var databaseSeverity: String?

    /// Whether the record has been withdrawn.
    public var isWithdrawn: Bool { withdrawn != nil }

    /// Parses one JSON document; throws `.vulnDataInvalid` naming what was wrong.
    public init(json: [UInt8]) throws(GatehouseError) {
        if json.count > Self.maxBytes {
            throw GatehouseError(.vulnDataInvalid, "OSV record is larger than \(Self.maxBytes) bytes")
        }
        let document: OSVDocument
        switch OSVDocument.decode(json) {
        case .success(let decoded): document = decoded
        case .failure(let error): throw error
        }
        self = try document.record()
    }

    /// Creates a record from parts (tests, other sources).
    public init(id: String, modified: String, affected: [OSVAffected]) {
        self.id = id
        self.modified = modified
        self.aliases = []
        self.severity = []
        self.affected = affected
    }
}

/// One `severity[]` entry: a scoring type (`CVSS_V3`, `CVSS_V4`, `Ubuntu`, …) and its score.
public struct OSVSeverityScore: Sendable, Hashable {
    /// `type`.
    public var type: String
    /// `score`: a vector string for CVSS types.
    public var score: String

    /// Creates an entry.
    public init(type: String, score: String) {
        self.type = type
        self.score = score
    }
}

/// One `affected[]` entry: a package and the versions of it the vulnerability affects.
public struct OSVAffected: Sendable, Hashable {
    /// `package`.
    public var package: OSVPackage
    /// `ranges[]`.
    public var ranges: [OSVRange]
    /// `versions[]`: versions affected by exact match.
    public var versions: [String]
    /// `severity[]` of this package.
    public var severity: [OSVSeverityScore]
    /// `ecosystem_specific.severity`, when it is a string.
    public var ecosystemSeverity: String?
    /// `database_specific.severity`, when it is a string.
    public var databaseSeverity: String?

    /// Creates an entry.
    public init(package: OSVPackage, ranges: [OSVRange] = [], versions: [String] = []) {
        self.package = package
        self.ranges = ranges
        self.versions = versions
        self.severity = []
    }
}

/// `affected[].package`.
public struct OSVPackage: Sendable, Hashable {
    /// `ecosystem`, e.g. `Debian:12`, `Alpine:v3.19`, `PyPI`, `npm`, `Go`.
    public var ecosystem: String
    /// `name` as the ecosystem writes it.
    public var name: String
    /// `purl`, if given.
    public var purl: String?

    /// Creates a package reference.
    public init(ecosystem: String, name: String, purl: String? = nil) {
        self.ecosystem = ecosystem
        self.name = name
        self.purl = purl
    }
}

/// `affected[].ranges[]`: a type and its events.
public struct OSVRange: Sendable, Hashable {
    /// `type`: `SEMVER`, `ECOSYSTEM` or `GIT` (others are kept but never evaluated).
    public var type: String
    /// `events[]`, as written.
    public var events: [OSVEvent]

    /// Creates a range.
    public init(type: String, events: [OSVEvent]) {
        self.type = type
        self.events = events
    }
}

/// One range event; each OSV event object carries exactly one of these.
public enum OSVEvent: Sendable, Hashable {
    /// Affected from this version on (`"0"`: from the start).
    case introduced(String)
    /// Not affected from this version on.
    case fixed(String)
    /// Affected up to and including this version.
    case lastAffected(String)
    /// Never affected from this version on.
    case limit(String)
}
