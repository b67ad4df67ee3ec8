public import Foundation

/// Wall-clock helpers. Pure code takes times as parameters; only edges call these.
public enum WallClock {
    /// Microseconds since 1970-01-01T00:00:00Z.
    @Sendable public static func nowMicros() -> Int64 {
        Int64((Date().timeIntervalSince1970 * 1_000_000).rounded())
    }

    /// The date for a microsecond timestamp.
    public static func date(micros: Int64) -> Date {
        Date(timeIntervalSince1970: Double(micros) / 1_000_000)
    }

    /// RFC 3339 with microseconds in UTC, e.g. `2026-11-29T01:10:44.123456Z`.
    /// Times outside years 0001–9999 (a corrupted record) render as `invalid-time(N)`.
    public static func rfc3339(micros: Int64) -> String {
        guard (-62_135_596_800_000_000...253_402_300_799_999_999).contains(micros) else {
            return "invalid-time(\(micros))"
        }
        let seconds = micros >= 0 ? micros / 1_000_000 : (micros - 999_999) / 1_000_000
        let fraction = micros - seconds * 1_000_000
        var time = time_t(seconds)
        var parts = tm()
        gmtime_r(&time, &parts)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02d.%06dZ", Int(parts.tm_year) + 1900,
            Int(parts.tm_mon) + 1, Int(parts.tm_mday), Int(parts.tm_hour), Int(parts.tm_min),
            Int(parts.tm_sec), Int(fraction))
    }
}
