/// One vulnerability that affects one package of an image.
public struct Finding: Sendable, Hashable, Codable {
    /// The advisory's id (`DSA-5000-1`, `GHSA-…`, `GO-2023-1234`).
    public var id: String
    /// Other names of it (`CVE-…`).
    public var aliases: [String]
    /// `critical`, `high`, `medium`, `low` or `unknown`.
    public var severity: String
    /// The CVSS base score, when the advisory gives a vector.
    public var score: Double?
    /// One line about it.
    public var summary: String
    /// The affected package, its version and purl.
    public var package: String
    public var version: String
    public var purl: String
    /// The ecosystem it was matched in (`Debian:12`, `PyPI`).
    public var ecosystem: String
    /// The first version that fixes it, when one is known.
    public var fixedVersion: String?
    /// The digest of the layer that introduced the package.
    public var layer: String?
    /// When the advisory was published (RFC 3339), if it says.
    public var published: String?
    /// Why it does not count, when a VEX statement says the image is not affected.
    public var suppressed: String?

    /// Creates a finding.
    public init(
        id: String, aliases: [String], severity: String, score: Double?, summary: String, package: String,
        version: String, purl: String, ecosystem: String, fixedVersion: String?, layer: String?, published: String?
    ) {
        self.id = id
        self.aliases = aliases
        self.severity = severity
        self.score = score
        self.summary = summary
        self.package = package
        self.version = version
        self.purl = purl
        self.ecosystem = ecosystem
        self.fixedVersion = fixedVersion
        self.layer = layer
        self.published = published
    }

    /// Severities from most to least severe.
    public static let severities = ["critical", "high", "medium", "low", "unknown"]

    /// How severe, for sorting and thresholds: critical 4 … low 1, unknown 0.
    public static func rank(_ severity: String) -> Int {
        switch severity {
        case "critical": 4
        case "high": 3
        case "medium": 2
        case "low": 1
        default: 0
        }
    }
}
