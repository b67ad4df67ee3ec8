/// Requests and tokens over the last minute, in one-second buckets: what rpm and tpm limits
/// are checked against. A value type; the ledger keeps one per limited key.
public struct RateWindow: Sendable, Hashable {
    /// The window's length in seconds.
    public static let seconds = 60

    private var requests = [Int](repeating: 0, count: RateWindow.seconds)
    private var tokens = [Int](repeating: 0, count: RateWindow.seconds)
    private var stamps = [Int64](repeating: .min, count: RateWindow.seconds)

    /// An empty window.
    public init() {}

    /// Adds `requests` and `tokens` at second `now` (seconds since any fixed origin).
    public mutating func add(requests: Int = 0, tokens: Int = 0, at now: Int64) {
        let slot = Int(now % Int64(Self.seconds))
        if stamps[slot] != now {
            stamps[slot] = now
            self.requests[slot] = 0
            self.tokens[slot] = 0
        }
        self.requests[slot] += requests
        self.tokens[slot] &+= tokens
    }

    /// Requests and tokens in the minute ending at second `now`.
    public func totals(at now: Int64) -> (requests: Int, tokens: Int) {
        var total = (requests: 0, tokens: 0)
        for slot in 0..<Self.seconds where stamps[slot] > now - Int64(Self.seconds) && stamps[slot] <= now {
            total.requests += requests[slot]
            total.tokens &+= tokens[slot]
        }
        return total
    }

    /// Seconds until the oldest counted second leaves the window (for `Retry-After`).
    public func secondsUntilRoom(at now: Int64) -> Int {
        let live = stamps.filter { $0 > now - Int64(Self.seconds) && $0 <= now }
        guard let oldest = live.min() else { return 0 }
        return Int(oldest + Int64(Self.seconds) - now)
    }
}
