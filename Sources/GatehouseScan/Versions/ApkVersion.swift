public import GatehouseCore

/// An Alpine package version, ordered as apk-tools orders it:
/// `number{.number}[letter]{_suffix[number]}[~hash][-rN]`.
///
/// Numbers compare numerically, except that a dot-separated component with a leading zero compares
/// as a string (the Gentoo rule apk-tools follows); `_alpha < _beta < _pre < _rc` sort before the
/// release and `_cvs < _svn < _git < _hg < _p` after it; `-rN` is the package revision.
public struct ApkVersion: Sendable, Comparable, CustomStringConvertible {
    /// The kinds of token, in the order apk-tools ranks them when two versions run out differently.
    enum Kind: Int, Sendable {
        case first = 0
        case dot, letter, suffix, suffixNumber, hash, revision, end
    }

    /// One token: its kind, and its text (digits, a letter, a hash) or suffix rank.
    struct Token: Sendable {
        var kind: Kind
        var text: [UInt8]
        var rank: Int = 0
    }

    /// The tokens, in order.
    let tokens: [Token]
    /// The string as given.
    public let description: String

    /// The pre-release suffixes, lowest first (ranks -4 … -1).
    static let preSuffixes = ["alpha", "beta", "pre", "rc"]
    /// The post-release suffixes, lowest first (ranks 0 … 4).
    static let postSuffixes = ["cvs", "svn", "git", "hg", "p"]

    /// Parses `text`, throwing `.versionInvalid` if it does not follow the grammar above.
    public init(_ text: String) throws(GatehouseError) {
        self.tokens = try Self.tokens(VersionInput.bytes(text, scheme: "apk"), text)
        self.description = text
    }

    /// Three-way comparison, token by token.
    public func compare(to other: ApkVersion) -> Int {
        var index = 0
        while true {
            let a = index < tokens.count ? tokens[index] : Token(kind: .end, text: [])
            let b = index < other.tokens.count ? other.tokens[index] : Token(kind: .end, text: [])
            if a.kind == .end && b.kind == .end { return 0 }
            if a.kind == b.kind {
                let order = Self.compareTokens(a, b)
                if order != 0 { return order }
                index += 1
                continue
            }
            if a.kind == .suffix && a.rank < 0 { return -1 }
            if b.kind == .suffix && b.rank < 0 { return 1 }
            return a.kind.rawValue > b.kind.rawValue ? -1 : 1
        }
    }

    /// Compares two tokens of the same kind.
    static func compareTokens(_ a: Token, _ b: Token) -> Int {
        switch a.kind {
        case .dot:
            if a.text.first == 0x30 || b.text.first == 0x30 { return compareBytes(a.text[...], b.text[...]) }
            return Numeral(digits: a.text).compare(Numeral(digits: b.text))
        case .first, .suffixNumber, .revision:
            return Numeral(digits: a.text).compare(Numeral(digits: b.text))
        case .letter, .hash:
            return compareBytes(a.text[...], b.text[...])
        case .suffix:
            return compareValues(a.rank, b.rank)
        case .end:
            return 0
        }
    }

    /// Compares two version strings; throws `.versionInvalid` if either is unreadable.
    public static func compare(_ a: String, _ b: String) throws(GatehouseError) -> Int {
        try ApkVersion(a).compare(to: ApkVersion(b))
    }

    public static func < (lhs: ApkVersion, rhs: ApkVersion) -> Bool { lhs.compare(to: rhs) < 0 }
    public static func == (lhs: ApkVersion, rhs: ApkVersion) -> Bool { lhs.compare(to: rhs) == 0 }
}
