/// The wait before starting a server again after it crashed or failed to start: doubling from
/// a quarter second to a ceiling, reset by a start that succeeds.
struct RestartBackoff: Sendable, Hashable {
    private(set) var failures = 0
    let base: Duration
    let ceiling: Duration

    init(base: Duration = .milliseconds(250), ceiling: Duration = .seconds(30)) {
        self.base = base
        self.ceiling = ceiling
    }

    /// The wait before the next start.
    var delay: Duration {
        guard failures > 0 else { return .zero }
        let factor = 1 << min(failures - 1, 16)
        return min(base * factor, ceiling)
    }

    mutating func failed() { failures += 1 }
    mutating func succeeded() { failures = 0 }
}
