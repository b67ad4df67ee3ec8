public import GatehouseCore

/// A Go module version, ordered as golang.org/x/mod/semver orders it: a `v`, then SemVer, where
/// `v1` and `v1.2` are shorthands for `v1.0.0` and `v1.2.0`. Pseudo-versions
/// (`v0.0.0-20230101000000-abcdef123456`) are ordinary pre-releases and `+incompatible` is build
/// metadata, so both fall out of SemVer precedence. x/mod orders invalid strings below valid ones;
/// here they throw `.versionInvalid` instead.
public struct GoModuleVersion: Sendable, Comparable, CustomStringConvertible {
    /// The version's SemVer reading.
    let semantic: SemanticVersion
    /// The string as given.
    public var description: String { semantic.description }

    /// Parses `text`; it must start with `v`.
    public init(_ text: String) throws(GatehouseError) {
        let bytes = try VersionInput.bytes(text, scheme: "Go")[...]
        guard bytes.first == 0x76 else { throw VersionInput.invalid("Go", text, "it does not start with 'v'") }
        let parts = try SemverGrammar.parse(bytes.dropFirst(), text: text, scheme: "Go", shorthand: true)
        semantic = SemanticVersion(core: parts.core, prerelease: parts.prerelease, description: text)
    }

    /// Three-way comparison by SemVer precedence.
    public func compare(to other: GoModuleVersion) -> Int { semantic.compare(to: other.semantic) }

    /// Compares two version strings; throws `.versionInvalid` if either is unreadable.
    public static func compare(_ a: String, _ b: String) throws(GatehouseError) -> Int {
        try GoModuleVersion(a).compare(to: GoModuleVersion(b))
    }

    public static func < (lhs: GoModuleVersion, rhs: GoModuleVersion) -> Bool { lhs.compare(to: rhs) < 0 }
    public static func == (lhs: GoModuleVersion, rhs: GoModuleVersion) -> Bool { lhs.compare(to: rhs) == 0 }
}
