/// An OSV ecosystem string the scanner can evaluate, split into its family and release:
/// `Debian:12` → Debian, `12`; `Alpine:v3.19` → Alpine, `3.19`; `PyPI` → PyPI, none.
public struct OSVEcosystem: Sendable, Hashable {
    /// The ecosystem families the scanner evaluates.
    public enum Family: String, Sendable, Hashable, CaseIterable {
        /// `Debian[:RELEASE]`.
        case debian = "Debian"
        /// `Ubuntu[:Pro]:YY.MM[:LTS]`.
        case ubuntu = "Ubuntu"
        /// `Alpine:vX.Y`.
        case alpine = "Alpine"
        /// `PyPI`.
        case pypi = "PyPI"
        /// `npm`.
        case npm = "npm"
        /// `Go`.
        case go = "Go"

        /// The version ordering of `ECOSYSTEM` ranges.
        public var scheme: VersionScheme {
            switch self {
            case .debian, .ubuntu: .dpkg
            case .alpine: .apk
            case .pypi: .pep440
            case .npm: .semver
            case .go: .go
            }
        }
    }

    /// The family.
    public let family: Family
    /// The release the ecosystem is scoped to, normalised (`12`, `22.04`, `3.19`); nil when unscoped.
    public let release: String?

    /// Reads an ecosystem string (family case-insensitively); nil for ecosystems the scanner does
    /// not evaluate, which are skipped rather than refused.
    public init?(_ text: String) {
        guard text.utf8.count <= 128 else { return nil }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard let head = parts.first,
            let family = Family.allCases.first(where: { $0.rawValue.lowercased() == head.lowercased() })
        else { return nil }
        self.family = family
        self.release = Self.release(family, Array(parts.dropFirst()))
    }

    /// The normalised release of `family` from the parts after the family name.
    private static func release(_ family: Family, _ parts: [Substring]) -> String? {
        switch family {
        case .pypi, .npm, .go:
            return nil
        case .debian:
            guard let first = parts.first, !first.isEmpty else { return nil }
            return String(first.split(separator: ".", omittingEmptySubsequences: false).first ?? first)
        case .ubuntu:
            let numbered = parts.first { part in
                part.contains(".") && part.allSatisfy { $0 == "." || $0.isASCII && $0.isNumber }
            }
            if let numbered { return String(numbered) }
            let rest = parts.filter { $0 != "Pro" && $0 != "LTS" && !$0.isEmpty }
            return rest.isEmpty ? nil : rest.joined(separator: ":")
        case .alpine:
            guard var first = parts.first, !first.isEmpty else { return nil }
            if first.hasPrefix("v") { first = first.dropFirst() }
            return first.split(separator: ".", omittingEmptySubsequences: false).prefix(2).joined(separator: ".")
        }
    }

    /// Whether a record scoped to `self` applies to a package from `query`: the same family, and
    /// either side unscoped or both scoped to the same release.
    public func applies(to query: OSVEcosystem) -> Bool {
        guard family == query.family else { return false }
        guard let release, let other = query.release else { return true }
        return release == other
    }

    /// `name` as the index keys it: PyPI names normalised per PEP 503 (lower case, runs of `-`, `_`,
    /// `.` as one `-`); other families' names as they are (Debian and Alpine names are case-sensitive).
    public func normalizedName(_ name: String) -> String {
        guard family == .pypi else { return name }
        var out: [UInt8] = []
        out.reserveCapacity(name.utf8.count)
        for byte in name.utf8 {
            if byte == 0x2D || byte == 0x5F || byte == 0x2E {
                if out.last != 0x2D { out.append(0x2D) }
            } else {
                out.append(byte.lowercased)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
