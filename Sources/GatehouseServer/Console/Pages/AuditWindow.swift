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
        let hour: Int64 = 3_600_000_000
        let end = (nowMicros / hour + 1) * hour
        var counts = [Double](repeating: 0, count: hours)
        for record in records where include(record) {
            let index = hours - 1 - Int((end - 1 - record.event.timeMicros) / hour)
            if (0..<hours).contains(index) { counts[index] += 1 }
        }
        return counts.enumerated().map { index, count in
            let start = end - Int64(hours - index) * hour
            let label = String(WallClock.rfc3339(micros: start).dropFirst(11).prefix(5))
            return ConsoleChart.Bar(label: label, value: count)
        }
    }
}
