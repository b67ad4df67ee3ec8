/// One vulnerability record that affects a package version.
public struct VulnMatch: Sendable, Hashable {
    /// The record's id.
    public var id: String
    /// The record's aliases.
    public var aliases: [String]
    /// The record's summary, if any.
    public var summary: String?
    /// The severity: from the highest CVSS v3 base score, else the database's textual rating, else unknown.
    public var severity: Severity
    /// The CVSS v3 base score behind `severity`, when there was one.
    public var score: Double?
    /// The smallest `fixed` version above the installed one in the matching range, if any.
    public var fixedVersion: String?
    /// The ecosystem as the record writes it (`Debian:12`).
    public var ecosystem: String
    /// The package name as the record writes it.
    public var package: String
}
