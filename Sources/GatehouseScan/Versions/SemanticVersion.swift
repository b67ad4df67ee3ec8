public import GatehouseCore

/// A Semantic Versioning 2.0.0 version, ordered by SemVer precedence exactly as the PyPI `semver`
/// package's `Version.compare` orders it: major, minor and patch numerically, a pre-release below
/// its release, pre-release identifiers numerically or in ASCII order (numbers below words, a
/// shorter list first), build metadata ignored.
///
/// Parsing is strict SemVer (no leading zeros, all three numbers, identifiers of `[0-9A-Za-z-]`),
/// with one leniency: a single leading `v` or `V` is skipped, because tags and some advisories
/// write `v1.2.3`; npm's other loose forms (`=1.2.3`, spaces, `1.2`) are refused.
public struct SemanticVersion: Sendable, Comparable, CustomStringConvertible {
    /// One pre-release identifier.
    enum Identifier: Sendable, Equatable {
        case number(Numeral)
        case word([UInt8])
    }

    /// Major, minor, patch.
    let core: [Numeral]
    /// The pre-release identifiers (empty for a release).
    let prerelease: [Identifier]
    /// The string as given.
    public let description: String

    /// Parses `text` as SemVer 2.0.0 (optionally after one `v`); throws `.versionInvalid` otherwise.
    public init(_ text: String) throws(GatehouseError) {
        var bytes = try VersionInput.bytes(text, scheme: "SemVer")[...]
        if let first = bytes.first, first == 0x76 || first == 0x56 { bytes = bytes.dropFirst() }
        let parts = try SemverGrammar.parse(bytes, text: text, scheme: "SemVer", shorthand: false)
        core = parts.core
        prerelease = parts.prerelease
        description = text
    }

    /// Builds a version from parts already checked by `SemverGrammar`.
    init(core: [Numeral], prerelease: [Identifier], description: String) {
        self.core = core
        self.prerelease = prerelease
        self.description = description
    }

    /// Three-way comparison by SemVer precedence.
    public func compare(to other: SemanticVersion) -> Int {
        for (a, b) in zip(core, other.core) {
            let order = a.compare(b)
            if order != 0 { return order }
        }
        switch (prerelease.isEmpty, other.prerelease.isEmpty) {
        case (true, true): return 0
        case (true, false): return 1
        case (false, true): return -1
        case (false, false): break
        }
        for (a, b) in zip(prerelease, other.prerelease) {
            let order: Int
            switch (a, b) {
            case (.number(let x), .number(let y)): order = x.compare(y)
            case (.word(let x), .word(let y)): order = compareBytes(x[...], y[...])
            case (.number, .word): order = -1
            case (.word, .number): order = 1
            }
            if order != 0 { return order }
        }
        return compareValues(prerelease.count, other.prerelease.count)
    }

    /// Compares two version strings; throws `.versionInvalid` if either is unreadable.
    public static func compare(_ a: String, _ b: String) throws(GatehouseError) -> Int {
        try SemanticVersion(a).compare(to: SemanticVersion(b))
    }

    public static func < (lhs: SemanticVersion, rhs: SemanticVersion) -> Bool { lhs.compare(to: rhs) < 0 }
    public static func == (lhs: SemanticVersion, rhs: SemanticVersion) -> Bool { lhs.compare(to: rhs) == 0 }
}
