/// Percentiles and rates of one `LoadResult`, and their formatting.
struct Summary: Sendable {
    var requests: Int
    var errors: Int
    var p50: Duration
    var p90: Duration
    var p99: Duration
    var requestsPerSecond: Double

    init(_ result: LoadResult) {
        let sorted = result.latencies.sorted()
        requests = sorted.count
        errors = result.errors
        p50 = Self.percentile(sorted, 0.50)
        p90 = Self.percentile(sorted, 0.90)
        p99 = Self.percentile(sorted, 0.99)
        requestsPerSecond = Double(sorted.count) / result.elapsed.seconds
    }

    /// Nearest-rank percentile of ascending `sorted` (zero when empty).
    static func percentile(_ sorted: [Duration], _ quantile: Double) -> Duration {
        guard !sorted.isEmpty else { return .zero }
        let rank = Int((quantile * Double(sorted.count)).rounded(.up))
        return sorted[min(max(rank, 1), sorted.count) - 1]
    }
}

extension Duration {
    /// The duration in seconds, as a `Double`.
    var seconds: Double {
        let (whole, attoseconds) = components
        return Double(whole) + Double(attoseconds) / 1e18
    }

    /// Milliseconds with three decimals (microsecond resolution), e.g. `0.412`.
    var milliseconds: String { Format.fixed(seconds * 1000, 3) }
}

/// Number formatting without Foundation's locale-dependent formatters.
enum Format {
    /// `value` rounded to `decimals` places, e.g. `fixed(1.23456, 2)` is `1.23`.
    static func fixed(_ value: Double, _ decimals: Int) -> String {
        guard value.isFinite else { return "n/a" }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = Int64((abs(value) * scale).rounded())
        let whole = scaled / Int64(scale)
        let fraction = String(scaled % Int64(scale))
        let sign = value < 0 && scaled != 0 ? "-" : ""
        guard decimals > 0 else { return sign + String(whole) }
        return sign + String(whole) + "." + String(repeating: "0", count: decimals - fraction.count) + fraction
    }

    /// A signed difference in milliseconds, e.g. `+0.213`.
    static func signedMilliseconds(_ duration: Duration) -> String {
        let ms = duration.seconds * 1000
        return (ms >= 0 ? "+" : "") + fixed(ms, 3)
    }
}
