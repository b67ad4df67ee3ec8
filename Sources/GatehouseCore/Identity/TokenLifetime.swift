/// Parses token lifetimes: a whole number and a unit, `30m`, `24h`, `7d` (at most 365 days).
public enum TokenLifetime {
    /// The longest lifetime a token may have.
    public static let maxMicros: Int64 = 365 * 86_400 * 1_000_000

    /// Microseconds for `text`, or a ``GatehouseError/Code/badRequest`` naming what is wrong.
    public static func micros(_ text: String) throws(GatehouseError) -> Int64 {
        let units: [Character: Int64] = ["m": 60, "h": 3_600, "d": 86_400]
        guard let unit = text.last, let seconds = units[unit],
            let amount = Int64(text.dropLast()), amount > 0, amount <= 525_600
        else {
            throw GatehouseError(
                .badRequest, "ttl must be a whole number of minutes, hours or days, like 30m, 24h or 7d")
        }
        let micros = amount * seconds * 1_000_000
        guard micros <= maxMicros else {
            throw GatehouseError(.badRequest, "ttl must be at most 365d")
        }
        return micros
    }
}
