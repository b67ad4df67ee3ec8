/// One OSV range with its versions parsed once, evaluated with the schema's algorithm.
struct VersionRange: Sendable {
    /// Where an event sits: before every version (`introduced: "0"`), at a version, after every version.
    enum Bound: Sendable {
        case start
        case version(ParsedVersion)
        case end

        /// Three-way comparison of the bound with an installed version.
        func compare(to version: ParsedVersion) -> Int {
            switch self {
            case .start: -1
            case .end: 1
            case .version(let bound): bound.compare(to: version)
            }
        }

        /// Three-way comparison of two bounds.
        func compare(to other: Bound) -> Int {
            switch (self, other) {
            case (.start, .start), (.end, .end): 0
            case (.start, _), (_, .end): -1
            case (.end, _), (_, .start): 1
            case (.version(let a), .version(let b)): a.compare(to: b)
            }
        }
    }

    /// The event kinds, in the order they take when two events share a version.
    enum Kind: Int, Sendable {
        case introduced, lastAffected, fixed, limit
    }

    /// One event.
    struct Event: Sendable {
        var kind: Kind
        var bound: Bound
        var text: String
    }

    /// The scheme the range's versions are read with.
    let scheme: VersionScheme
    /// The non-limit events, sorted by version.
    let events: [Event]
    /// The limit bounds (empty: no limit).
    let limits: [Bound]

    /// Parses `range`'s events with `scheme`; nil if any version in it is not a version of the scheme.
    init?(_ range: OSVRange, scheme: VersionScheme) {
        var events: [Event] = []
        var limits: [Bound] = []
        for event in range.events {
            let kind: Kind
            let text: String
            switch event {
            case .introduced(let value): (kind, text) = (.introduced, value)
            case .fixed(let value): (kind, text) = (.fixed, value)
            case .lastAffected(let value): (kind, text) = (.lastAffected, value)
            case .limit(let value): (kind, text) = (.limit, value)
            }
            let bound: Bound
            if kind == .introduced && text == "0" {
                bound = .start
            } else if kind == .limit && text == "*" {
                bound = .end
            } else {
                guard let parsed = try? scheme.parse(text) else { return nil }
                bound = .version(parsed)
            }
            if kind == .limit {
                limits.append(bound)
            } else {
                events.append(Event(kind: kind, bound: bound, text: text))
            }
        }
        events.sort { a, b in
            let order = a.bound.compare(to: b.bound)
            return order != 0 ? order < 0 : a.kind.rawValue < b.kind.rawValue
        }
        self.scheme = scheme
        self.events = events
        self.limits = limits
    }

    /// Whether `version` is in the range, and if so the smallest `fixed` above it.
    func evaluate(_ version: ParsedVersion) -> (affected: Bool, fixed: String?) {
        if !limits.isEmpty && !limits.contains(where: { $0.compare(to: version) > 0 }) { return (false, nil) }
        var vulnerable = false
        var firstAbove: Int?
        for (index, event) in events.enumerated() {
            let order = event.bound.compare(to: version)
            if firstAbove == nil && order > 0 { firstAbove = index }
            switch event.kind {
            case .introduced: if order <= 0 { vulnerable = true }
            case .fixed: if order <= 0 { vulnerable = false }
            case .lastAffected: if order < 0 { vulnerable = false }
            case .limit: break
            }
        }
        guard vulnerable else { return (false, nil) }
        let fixed = events[(firstAbove ?? events.count)...].first { $0.kind == .fixed }
        return (true, fixed?.text)
    }
}
