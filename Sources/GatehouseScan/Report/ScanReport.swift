public import Foundation

/// The answer to "is it safe": an image's packages matched against the vulnerability data,
/// VEX statements applied.
public struct ScanReport: Sendable, Hashable, Codable {
    /// The image as its user named it, and its manifest digest.
    public var image: String
    public var digest: String
    /// The distribution (`debian 12`), if known.
    public var distro: String?
    /// How many packages were found.
    public var packages: Int
    /// Findings that count, most severe first, then suppressed ones (with why).
    public var findings: [Finding]
    /// Files the catalogers could not read.
    public var notes: [String]
    /// The vulnerability data used: its generation and when it was imported (RFC 3339).
    public var vulnGeneration: Int64
    public var vulnImported: String?

    /// Creates a report; findings are sorted (severity, id, package).
    public init(
        result: ScanResult, findings: [Finding], vulnGeneration: Int64, vulnImported: String?
    ) {
        image = result.name
        digest = result.digest
        distro = result.distro.map { "\($0.id) \($0.versionID)" }
        packages = result.packages.count
        notes = result.notes
        self.vulnGeneration = vulnGeneration
        self.vulnImported = vulnImported
        self.findings = findings.sorted {
            ($0.suppressed == nil ? 0 : 1, -Finding.rank($0.severity), $0.id, $0.package)
                < ($1.suppressed == nil ? 0 : 1, -Finding.rank($1.severity), $1.id, $1.package)
        }
    }

    /// Findings that count (not suppressed).
    public var active: [Finding] { findings.filter { $0.suppressed == nil } }

    /// Whether any finding that counts is at least `severity` (`critical`, `high`, …).
    public func fails(at severity: String) -> Bool {
        let threshold = Finding.rank(severity)
        return active.contains { Finding.rank($0.severity) >= threshold }
    }

    /// Counts of findings that count, by severity.
    public var counts: [String: Int] {
        var out: [String: Int] = [:]
        for finding in active { out[finding.severity, default: 0] += 1 }
        return out
    }

    /// The report as JSON (sorted keys).
    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}
