import Foundation
import GatehouseCore

/// How the console writes times, money and counts.
enum ConsoleFormat {
    /// `2026-11-29 19:51:31Z`.
    static func time(_ micros: Int64?) -> String {
        guard let micros else { return "—" }
        let text = WallClock.rfc3339(micros: micros)
        return String(text.prefix(19)).replacingOccurrences(of: "T", with: " ") + "Z"
    }

    /// Millionths of the currency unit as `12.34`.
    static func money(_ micros: Int64) -> String {
        String(format: "%.2f", Double(micros) / 1_000_000)
    }

    /// A duration in microseconds as `1.2 ms` or `3.4 s`.
    static func duration(_ micros: Int64) -> String {
        micros < 1_000_000
            ? String(format: "%.1f ms", Double(micros) / 1_000) : String(format: "%.1f s", Double(micros) / 1_000_000)
    }

    /// The start of the current calendar month (UTC), where budgets start.
    static func monthStart(now: Date = Date()) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.date(from: calendar.dateComponents([.year, .month], from: now)) ?? now
    }
}
