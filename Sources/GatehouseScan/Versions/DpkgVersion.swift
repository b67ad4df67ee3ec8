public import GatehouseCore

/// A Debian package version, `[epoch:]upstream[-revision]`, ordered exactly as
/// `dpkg --compare-versions` orders it.
///
/// Strings that dpkg refuses (an empty or non-numeric epoch, an empty revision, embedded spaces) and
/// strings it only warns about (an upstream part not starting with a digit, characters outside
/// Debian policy) both throw `.versionInvalid`: a scanner should not guess at those.
public struct DpkgVersion: Sendable, Comparable, CustomStringConvertible {
    /// The epoch (0 when absent).
    public let epoch: Int
    /// The upstream part.
    let upstream: [UInt8]
    /// The Debian revision (empty when absent, which dpkg orders as `0`).
    let revision: [UInt8]
    /// The string as given.
    public let description: String

    /// Parses `text`, throwing `.versionInvalid` where dpkg reports an error or a syntax warning.
    public init(_ text: String) throws(GatehouseError) {
        var bytes = try VersionInput.bytes(text, scheme: "dpkg")[...]
        while let first = bytes.first, first == 0x20 || first == 0x09 { bytes = bytes.dropFirst() }
        while let last = bytes.last, last == 0x20 || last == 0x09 { bytes = bytes.dropLast() }
        if bytes.isEmpty { throw VersionInput.invalid("dpkg", text, "it is blank") }
        if bytes.contains(0x20) || bytes.contains(0x09) {
            throw VersionInput.invalid("dpkg", text, "it has embedded spaces")
        }
        var epoch = 0
        if let colon = bytes.firstIndex(of: 0x3A) {
            epoch = try Self.epoch(bytes[..<colon], text)
            bytes = bytes[(colon + 1)...]
            if bytes.isEmpty { throw VersionInput.invalid("dpkg", text, "nothing after the epoch's colon") }
        }
        var upstream = bytes
        var revision: ArraySlice<UInt8> = []
        if let hyphen = bytes.lastIndex(of: 0x2D) {
            upstream = bytes[..<hyphen]
            revision = bytes[(hyphen + 1)...]
            if revision.isEmpty { throw VersionInput.invalid("dpkg", text, "the revision is empty") }
        }
        guard let first = upstream.first else {
            throw VersionInput.invalid("dpkg", text, "the upstream version is empty")
        }
        if !first.isDigit {
            throw VersionInput.invalid("dpkg", text, "the upstream version does not start with a digit")
        }
        for byte in upstream where !byte.isAlphanumeric && !Self.upstreamPunctuation.contains(byte) {
            throw VersionInput.invalid("dpkg", text, "invalid character in the upstream version")
        }
        for byte in revision where !byte.isAlphanumeric && !Self.revisionPunctuation.contains(byte) {
            throw VersionInput.invalid("dpkg", text, "invalid character in the revision")
        }
        self.epoch = epoch
        self.upstream = Array(upstream)
        self.revision = Array(revision)
        self.description = text
    }

    /// `.`, `-`, `+`, `~`, `:`.
    private static let upstreamPunctuation: [UInt8] = [0x2E, 0x2D, 0x2B, 0x7E, 0x3A]
    /// `.`, `+`, `~`.
    private static let revisionPunctuation: [UInt8] = [0x2E, 0x2B, 0x7E]

    /// The epoch as dpkg's `strtol` reads it: an optional sign, digits, at most `INT32_MAX`, not negative.
    private static func epoch(_ bytes: ArraySlice<UInt8>, _ text: String) throws(GatehouseError) -> Int {
        var digits = bytes
        var negative = false
        if let sign = digits.first, sign == 0x2B || sign == 0x2D {
            negative = sign == 0x2D
            digits = digits.dropFirst()
        }
        if digits.isEmpty { throw VersionInput.invalid("dpkg", text, "the epoch is empty") }
        if !digits.allSatisfy(\.isDigit) { throw VersionInput.invalid("dpkg", text, "the epoch is not a number") }
        let value = Numeral(digits: digits)
        if value > Numeral(digits: Array("2147483647".utf8)) {
            throw VersionInput.invalid("dpkg", text, "the epoch is too big")
        }
        if negative && !value.isZero { throw VersionInput.invalid("dpkg", text, "the epoch is negative") }
        var result = 0
        for digit in value.digits { result = result * 10 + Int(digit - 0x30) }
        return result
    }

    /// Three-way comparison: epoch, then upstream, then revision.
    public func compare(to other: DpkgVersion) -> Int {
        if epoch != other.epoch { return epoch < other.epoch ? -1 : 1 }
        let upstreamOrder = Self.compareParts(upstream, other.upstream)
        if upstreamOrder != 0 { return upstreamOrder }
        return Self.compareParts(revision, other.revision)
    }

    /// Compares two version strings; throws `.versionInvalid` if either is unreadable.
    public static func compare(_ a: String, _ b: String) throws(GatehouseError) -> Int {
        try DpkgVersion(a).compare(to: DpkgVersion(b))
    }

    public static func < (lhs: DpkgVersion, rhs: DpkgVersion) -> Bool { lhs.compare(to: rhs) < 0 }
    public static func == (lhs: DpkgVersion, rhs: DpkgVersion) -> Bool { lhs.compare(to: rhs) == 0 }
}
