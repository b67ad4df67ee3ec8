package import Foundation
import GatehouseCore

/// RFC 3339 timestamps as Ollama writes them (`2024-05-14T11:05:21.765432Z`): UTC, microseconds.
package enum OllamaTimestamp {
    /// Formats `date`; years are clamped to 0001…9999 so any `Date` gives a valid timestamp.
    package static func format(_ date: Date) -> String {
        let raw = date.timeIntervalSince1970
        let limit = 253_402_300_799.0  // 9999-12-31T23:59:59Z
        let time = raw.isFinite ? min(max(raw, -62_135_596_800), limit) : 0
        var seconds = Int64(time.rounded(.down))
        var micros = Int64(((time - Double(seconds)) * 1_000_000).rounded())
        if micros >= 1_000_000 {
            seconds += 1
            micros -= 1_000_000
        }
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let inDay = seconds - days * 86_400
        let (year, month, day) = civil(days)
        return pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2) + "T" + pad(inDay / 3600, 2) + ":"
            + pad(inDay / 60 % 60, 2) + ":" + pad(inDay % 60, 2) + "." + pad(micros, 6) + "Z"
    }

    /// Days since 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's algorithm).
    private static func civil(_ days: Int64) -> (Int64, Int64, Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}
