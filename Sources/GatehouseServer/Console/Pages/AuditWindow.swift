import GatehouseCore
import GatehouseStore

/// Recent audit records read once for a page's counts and charts, newest first. Pages that
/// summarise the trail read at most ``limit`` records and say so when there were more.
struct AuditWindow {
    static let limit = AuditQuery.maxLimit

    let records: [AuditRecord]
    let sinceMicros: Int64
    /// Whether more records fell in the window than were read.
    var truncated: Bool { records.count >= Self.limit }

    static func read(
        _ store: any GatehouseStore, hours: Int, action: String? = nil, nowMicros: Int64
    ) async throws -> AuditWindow {
        let since = nowMicros - Int64(hours) * 3_600_000_000
        let records = try await store.queryAudit(
            AuditQuery(action: action, sinceMicros: since, limit: limit))
        return AuditWindow(records: records, sinceMicros: since)
    }

    /// Counts per hour, oldest hour first, of the records `include` accepts.
    func hourly(hours: Int, nowMicros: Int64, where include: (AuditRecord) -> Bool) -> [ConsoleChart.Bar] {
        Self.hours(hours, nowMicros: nowMicros).map { hour in
            let count = records.count { hour.range.contains($0.event.timeMicros) && include($0) }
            return ConsoleChart.Bar(label: hour.label, value: Double(count))
        }
    }

    /// One hour of a chart: its span and its label (`14:00`, UTC).
    struct Hour {
        let range: Range<Int64>
        let label: String
    }

    /// The last `count` whole hours up to the one containing `nowMicros`, oldest first.
    static func hours(_ count: Int, nowMicros: Int64) -> [Hour] {
        let hour: Int64 = 3_600_000_000
        let end = (nowMicros / hour + 1) * hour
        return (0..<count).map { index in
            let start = end - Int64(count - index) * hour
            return Hour(
                range: start..<(start + hour), label: String(WallClock.rfc3339(micros: start).dropFirst(11).prefix(5)))
        }
    }
}
