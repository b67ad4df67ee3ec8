/// How severe a vulnerability is, ordered for comparisons:
/// `none < unknown < low < medium < high < critical`.
///
/// `unknown` (no CVSS v3 vector and no textual rating) sits above `none` (a CVSS score of 0.0 is a
/// known absence of impact) and below `low`, so a gate on "at least low" does not trip on records
/// nobody rated, while nothing rated is ever taken for harmless.
public enum Severity: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// CVSS 0.0.
    case none
    /// Not rated.
    case unknown
    /// CVSS 0.1–3.9.
    case low
    /// CVSS 4.0–6.9.
    case medium
    /// CVSS 7.0–8.9.
    case high
    /// CVSS 9.0–10.0.
    case critical

    /// The rank used for ordering.
    private var rank: Int {
        switch self {
        case .none: 0
        case .unknown: 1
        case .low: 2
        case .medium: 3
        case .high: 4
        case .critical: 5
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }

    /// The CVSS qualitative rating of a base score.
    public init(score: Double) {
        switch score {
        case ..<0.05: self = .none
        case ..<3.95: self = .low
        case ..<6.95: self = .medium
        case ..<8.95: self = .high
        default: self = .critical
        }
    }

    /// A textual rating as databases write it (`CRITICAL`, `HIGH`, `MODERATE`/`MEDIUM`, `LOW`,
    /// Ubuntu's and Debian's `negligible`/`unimportant`), case-insensitive; nil for anything else.
    public init?(text: String) {
        guard text.utf8.count <= 32 else { return nil }
        switch text.lowercased() {
        case "critical": self = .critical
        case "high", "important": self = .high
        case "moderate", "medium": self = .medium
        case "low", "negligible", "unimportant": self = .low
        default: return nil
        }
    }
}
