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
}
