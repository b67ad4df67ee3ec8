public import Foundation
public import GatehouseCore

/// The live state of every usage limit: requests and tokens of the last minute (rpm, tpm) and
/// spend of the calendar month (budgets). Month-to-date spend is loaded from the store on first
/// use and re-read every `refreshSeconds`, so replicas sharing a store converge; rate windows are
/// per replica.
public actor UsageLedger {
    /// What the ledger needs from the store: the month-to-date spend of a key, in micro-units.
    public typealias SpendLoader = @Sendable (SpendKey, _ since: Date) async throws -> Int64

    /// The limits that apply to one request, with the keys they count.
    public struct Admission: Sendable {
        /// The applicable limits and their keys.
        public var counted: [(limit: UsageLimit, key: SpendKey)]
        /// The ids of the applicable limits, for the audit record.
        public var limitIDs: [String] { counted.map(\.limit.id) }
        /// The tokens reserved in the tpm windows at admission (the request's estimate), made
        /// good against the real count when it is charged.
        public var reserved = 0
        /// Whether any applicable limit has a monthly budget.
        public var hasBudgets: Bool { counted.contains { $0.limit.monthlyBudgetMicros != nil } }

        /// An admission counting against `counted`.
        public init(counted: [(limit: UsageLimit, key: SpendKey)]) {
            self.counted = counted
        }
    }

    private struct MonthSpend {
        var month: Date
        var micros: Int64
        var loadedAt: ContinuousClock.Instant
    }

    private let loadSpend: SpendLoader
    private let refresh: Duration
    private var windows: [String: RateWindow] = [:]
    private var spend: [SpendKey: MonthSpend] = [:]
    private var loading: [SpendKey: Task<Int64, any Error>] = [:]

    /// A ledger; the limits come with each request, so a reloaded configuration applies at once.
    public init(refreshSeconds: Int = 10, loadSpend: @escaping SpendLoader) {
        self.refresh = .seconds(refreshSeconds)
        self.loadSpend = loadSpend
    }

    /// Checks the rpm and tpm limits of `limits` for a request estimated at `tokens` tokens and
    /// counts the request; throws `rate_limited` naming the limit that is full.
    public func admit(
        _ limits: [UsageLimit], principal: String, subject: String, groups: [String], tokens: Int, now: Date = Date()
    ) throws(LimitRefusal) -> Admission {
        let counted = limits.compactMap { limit in
            limit.key(principal: principal, subject: subject, groups: groups).map { (limit: limit, key: $0) }
        }
        let second = Int64(now.timeIntervalSince1970)
        for (limit, key) in counted {
            let window = windows[Self.windowKey(limit, key)] ?? RateWindow()
            let used = window.totals(at: second)
            if let rpm = limit.requestsPerMinute, used.requests >= rpm {
                throw LimitRefusal(
                    limit: limit.id,
                    reason: "\(rpm) requests per minute reached; retry in \(window.secondsUntilRoom(at: second)) s",
                    code: .rateLimited)
            }
            if let tpm = limit.tokensPerMinute, used.tokens + tokens > tpm {
                throw LimitRefusal(
                    limit: limit.id,
                    reason: "\(tpm) tokens per minute would be exceeded (\(used.tokens) used, about \(tokens) "
                        + "asked); retry in \(window.secondsUntilRoom(at: second)) s",
                    code: .rateLimited)
            }
        }
        // The request counts now, and so does its estimate: concurrent requests cannot all pass
        // a tpm limit that only finished requests would fill.
        for (limit, key) in counted where limit.requestsPerMinute != nil || limit.tokensPerMinute != nil {
            windows[Self.windowKey(limit, key), default: RateWindow()].add(
                requests: 1, tokens: limit.tokensPerMinute == nil ? 0 : tokens, at: second)
        }
        var admission = Admission(counted: counted)
        admission.reserved = tokens
        return admission
    }

    /// The first budget of `admission` that is spent, nil when every one has room.
    public func spentBudget(_ admission: Admission, now: Date = Date()) async throws -> UsageLimit? {
        for (limit, key) in admission.counted {
            guard let budget = limit.monthlyBudgetMicros else { continue }
            if try await monthSpend(key, now: now) >= budget { return limit }
        }
        return nil
    }

    /// Counts a finished request's tokens and cost against every limit of `admission`.
    public func charge(_ admission: Admission, tokens: Int, costMicros: Int64, now: Date = Date()) {
        let second = Int64(now.timeIntervalSince1970)
        for (limit, key) in admission.counted {
            if limit.tokensPerMinute != nil {
                windows[Self.windowKey(limit, key), default: RateWindow()].add(
                    tokens: tokens - admission.reserved, at: second)
            }
        }
        guard costMicros > 0 else { return }
        let month = Self.monthStart(of: now)
        for key in Set(admission.counted.map(\.key)) {
            guard var entry = spend[key], entry.month == month else { continue }
            entry.micros &+= costMicros
            spend[key] = entry
        }
    }

    /// Gives back what an admitted request took of the rate windows, when it was refused before
    /// anything was sent.
    public func refund(_ admission: Admission, now: Date = Date()) {
        let second = Int64(now.timeIntervalSince1970)
        for (limit, key) in admission.counted where limit.requestsPerMinute != nil || limit.tokensPerMinute != nil {
            windows[Self.windowKey(limit, key), default: RateWindow()].add(
                requests: -1, tokens: limit.tokensPerMinute == nil ? 0 : -admission.reserved, at: second)
        }
    }

    /// Month-to-date spend of `key`: the store's figure, refreshed when stale; never lower than
    /// what this replica has counted since (its own records may still be on their way). Requests
    /// arriving while it is being read wait for that one read.
    public func monthSpend(_ key: SpendKey, now: Date = Date()) async throws -> Int64 {
        let month = Self.monthStart(of: now)
        if let entry = spend[key], entry.month == month, entry.loadedAt.duration(to: .now) < refresh {
            return entry.micros
        }
        let load: Task<Int64, any Error>
        if let running = loading[key] {
            load = running
        } else {
            load = Task { [loadSpend] in try await loadSpend(key, month) }
            loading[key] = load
        }
        let stored: Int64
        do {
            stored = try await load.value
            loading[key] = nil
        } catch {
            loading[key] = nil
            throw error
        }
        let local = spend[key].flatMap { $0.month == month ? $0.micros : nil } ?? 0
        let micros = max(stored, local)
        spend[key] = MonthSpend(month: month, micros: micros, loadedAt: .now)
        return micros
    }

    /// The first instant of `date`'s calendar month in UTC.
    public static func monthStart(of date: Date) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.date(from: calendar.dateComponents([.year, .month], from: date)) ?? date
    }

    private static func windowKey(_ limit: UsageLimit, _ key: SpendKey) -> String {
        limit.id + "\u{0}" + key.description
    }
}
