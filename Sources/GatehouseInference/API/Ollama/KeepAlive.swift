package import GatehouseCore

/// Ollama's `keep_alive`: how long the model stays loaded after a request.
package enum KeepAlive: Sendable, Hashable {
    /// `0` or `"0"` (any zero duration): unload as soon as the request is done.
    case unloadNow
    /// A negative value: keep the model loaded indefinitely.
    case forever
    /// Keep the model loaded this many seconds after the request.
    case seconds(Double)

    /// Durations longer than this (about 31 years) count as ``forever``.
    package static let maxSeconds: Double = 1e9

    /// Reads `value`: a Go-style duration string (`"5m"`, `"1h30m"`, `"300ms"`, `"-1m"`, `"0"`),
    /// or a number of seconds. Null means "not given" (nil).
    package static func parse(_ value: JSONValue?, field: String = "keep_alive") throws(GatehouseError) -> KeepAlive? {
        let seconds: Double
        switch value {
        case nil, .null?: return nil
        case .integer(let number)?: seconds = Double(number)
        case .number(let number)?: seconds = number
        case .string(let text)?:
            guard let parsed = parseDuration(text) else {
                throw .bad("\(field) must be a duration such as \"5m\" or \"30s\", or a number of seconds")
            }
            seconds = parsed
        default:
            throw .bad("\(field) must be a duration string or a number of seconds")
        }
        if seconds < 0 { return .forever }
        if seconds == 0 { return .unloadNow }
        return seconds > maxSeconds ? .forever : .seconds(seconds)
    }

    /// Parses Go's `time.ParseDuration` syntax into seconds; nil when malformed.
    static func parseDuration(_ text: String) -> Double? {
        var scalars = Substring(text).unicodeScalars
        guard !scalars.isEmpty, scalars.count <= 64 else { return nil }
        var sign = 1.0
        if let first = scalars.first, first == "-" || first == "+" {
            sign = first == "-" ? -1 : 1
            scalars.removeFirst()
        }
        if String(scalars) == "0" { return 0 }
        guard !scalars.isEmpty else { return nil }
        var total = 0.0
        while !scalars.isEmpty {
            let number = scalars.prefix { ("0"..."9").contains($0) || $0 == "." }
            guard !number.isEmpty, String(number) != ".", let amount = Double(String(number)) else { return nil }
            scalars.removeFirst(number.count)
            let unit = scalars.prefix { !("0"..."9").contains($0) && $0 != "." }
            guard let scale = unitSeconds[String(unit)] else { return nil }
            scalars.removeFirst(unit.count)
            total += amount * scale
        }
        return total.isFinite ? sign * total : nil
    }

    private static let unitSeconds: [String: Double] = [
        "ns": 1e-9, "us": 1e-6, "µs": 1e-6, "μs": 1e-6, "ms": 1e-3, "s": 1, "m": 60, "h": 3600,
    ]
}
