public import GatehouseCore

/// The version orderings the scanner knows.
public enum VersionScheme: String, Sendable, CaseIterable {
    /// Debian packages (`dpkg --compare-versions`).
    case dpkg
    /// Alpine packages (apk-tools).
    case apk
    /// Python packages (PEP 440, as `packaging.version.Version`).
    case pep440
    /// Semantic Versioning 2.0.0 (npm packages; OSV `SEMVER` ranges).
    case semver
    /// Go modules (golang.org/x/mod/semver).
    case go

    /// Compares two versions under this scheme: negative, zero or positive; throws
    /// `.versionInvalid` if either string is not a version of the scheme.
    public func compare(_ a: String, _ b: String) throws(GatehouseError) -> Int {
        try parse(a).compare(to: parse(b))
    }

    /// Parses `text` once, for repeated comparisons.
    func parse(_ text: String) throws(GatehouseError) -> ParsedVersion {
        switch self {
        case .dpkg: return .dpkg(try DpkgVersion(text))
        case .apk: return .apk(try ApkVersion(text))
        case .pep440: return .pep440(try PEP440Version(text))
        case .semver: return .semver(try SemanticVersion(text))
        case .go: return .go(try GoModuleVersion(text))
        }
    }
}

/// A version parsed under one scheme.
enum ParsedVersion: Sendable {
    case dpkg(DpkgVersion)
    case apk(ApkVersion)
    case pep440(PEP440Version)
    case semver(SemanticVersion)
    case go(GoModuleVersion)

    /// Three-way comparison with a version of the same scheme (versions of different schemes are
    /// never compared; such a pair reports 0).
    func compare(to other: ParsedVersion) -> Int {
        switch (self, other) {
        case (.dpkg(let a), .dpkg(let b)): return a.compare(to: b)
        case (.apk(let a), .apk(let b)): return a.compare(to: b)
        case (.pep440(let a), .pep440(let b)): return a.compare(to: b)
        case (.semver(let a), .semver(let b)): return a.compare(to: b)
        case (.go(let a), .go(let b)): return a.compare(to: b)
        default: return 0
        }
    }
}
