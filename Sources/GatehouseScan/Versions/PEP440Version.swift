public import GatehouseCore

/// A Python package version (PEP 440), normalised and ordered exactly as
/// `packaging.version.Version` does: `[v][N!]N(.N)*[{a|b|rc}N][.postN][.devN][+local]`, with the
/// spellings PEP 440 allows (`alpha`, `c`, `pre`, `preview`, `rev`, `r`, `-N` post releases, any of
/// `.`, `-`, `_` as separators, any case, surrounding whitespace).
public struct PEP440Version: Sendable, Comparable, CustomStringConvertible {
    /// One segment of a local version label: a number (sorts above any word) or a lower-cased word.
    enum LocalPart: Sendable, Equatable {
        case number(Numeral)
        case word([UInt8])
    }

    /// The epoch.
    var epoch = Numeral.zero
    /// The release numbers, trailing zeros removed (`1.0.0` == `1`).
    var release: [Numeral] = []
    /// The pre-release rank (`a` 0, `b` 1, `rc` 2) and number.
    var pre: (rank: Int, number: Numeral)?
    /// The post-release number.
    var post: Numeral?
    /// The development-release number.
    var dev: Numeral?
    /// The local version label's segments.
    var local: [LocalPart]?
    /// The string as given.
    public let description: String

    /// Parses `text`, throwing `.versionInvalid` where `packaging` raises `InvalidVersion`.
    public init(_ text: String) throws(GatehouseError) {
        description = text
        var parser = try PEP440Parser(text)
        try parser.parse(into: &self)
        while let last = release.last, last.isZero { release.removeLast() }
    }

    /// The pre-release slot of packaging's sort key: dev-only releases first, then a, b, rc, then final.
    private var preKey: (Int, Numeral) {
        if let pre { return (pre.rank, pre.number) }
        if post == nil && dev != nil { return (-1, .zero) }
        return (3, .zero)
    }

    /// Three-way comparison: epoch, release, pre, post, dev, local.
    public func compare(to other: PEP440Version) -> Int {
        var order = epoch.compare(other.epoch)
        if order != 0 { return order }
        for index in 0..<max(release.count, other.release.count) {
            let a = index < release.count ? release[index] : .zero
            let b = index < other.release.count ? other.release[index] : .zero
            order = a.compare(b)
            if order != 0 { return order }
        }
        let (preA, preB) = (preKey, other.preKey)
        if preA.0 != preB.0 { return preA.0 < preB.0 ? -1 : 1 }
        order = preA.1.compare(preB.1)
        if order != 0 { return order }
        order = Self.compareOptional(post, other.post, absentFirst: true)
        if order != 0 { return order }
        order = Self.compareOptional(dev, other.dev, absentFirst: false)
        if order != 0 { return order }
        return Self.compareLocal(local, other.local)
    }

    /// Compares optional numbers; an absent one sorts first or last.
    private static func compareOptional(_ a: Numeral?, _ b: Numeral?, absentFirst: Bool) -> Int {
        switch (a, b) {
        case (nil, nil): return 0
        case (nil, _): return absentFirst ? -1 : 1
        case (_, nil): return absentFirst ? 1 : -1
        case (let a?, let b?): return a.compare(b)
        }
    }

    /// Compares local labels: none first; segment by segment (words before numbers); shorter first.
    private static func compareLocal(_ a: [LocalPart]?, _ b: [LocalPart]?) -> Int {
        guard let a else { return b == nil ? 0 : -1 }
        guard let b else { return 1 }
        for (left, right) in zip(a, b) {
            let order: Int
            switch (left, right) {
            case (.number(let x), .number(let y)): order = x.compare(y)
            case (.word(let x), .word(let y)): order = compareBytes(x[...], y[...])
            case (.word, .number): order = -1
            case (.number, .word): order = 1
            }
            if order != 0 { return order }
        }
        return compareValues(a.count, b.count)
    }

    /// Compares two version strings; throws `.versionInvalid` if either is unreadable.
    public static func compare(_ a: String, _ b: String) throws(GatehouseError) -> Int {
        try PEP440Version(a).compare(to: PEP440Version(b))
    }

    public static func < (lhs: PEP440Version, rhs: PEP440Version) -> Bool { lhs.compare(to: rhs) < 0 }
    public static func == (lhs: PEP440Version, rhs: PEP440Version) -> Bool { lhs.compare(to: rhs) == 0 }
}
