import Foundation
import GatehouseCore
import GatehouseInference
import GatehouseSandbox
import GatehouseStore

/// `/console/overview`: requests, denials, sandbox starts per hour over the last day, model
/// spend per day over the last two weeks, and what is running now.
struct OverviewPage {
    let sources: ConsoleSources
    let sampler: SandboxSampler

    init(_ sources: ConsoleSources) {
        self.sources = sources
        self.sampler = sources.sampler
    }

    struct Model {
        let requests: Int
        let denials: Int
        let spendMonth: String
        let sandboxesRunning: Int
        let truncated: Bool
        let requestsChart: String
        let denialsChart: String
        let sandboxChart: String
        let runningChart: String
        let spendChart: String
        let topDenials: [Count]
    }

    struct Count {
        let name: String
        let count: Int
    }

    func view(_ visit: ConsoleRoutes.Visit) async throws -> ConsoleRoutes.View {
        let now = WallClock.nowMicros()
        let window = try await AuditWindow.read(sources.store, hours: 24, nowMicros: now)
        let denied = window.records.filter { $0.event.decision == "deny" }
        let running = await sources.sandboxes.runningCount
        let month = try await sources.store.usageTotals(
            UsageQuery(since: UsageLedger.monthStart(of: Date()), by: .route))
        var denialCounts: [String: Int] = [:]
        for record in denied { denialCounts["\(record.event.action) \(record.event.resource)", default: 0] += 1 }
        let model = Model(
            requests: window.records.count, denials: denied.count,
            spendMonth: ConsoleFormat.money(month.reduce(0) { $0 + $1.costMicros }),
            sandboxesRunning: running, truncated: window.truncated,
            requestsChart: ConsoleChart(
                title: "Requests per hour", bars: window.hourly(hours: 24, nowMicros: now) { _ in true }
            ).svg,
            denialsChart: ConsoleChart(
                title: "Denials per hour",
                bars: window.hourly(hours: 24, nowMicros: now) { $0.event.decision == "deny" }, colour: "#b3261e"
            ).svg,
            sandboxChart: ConsoleChart(
                title: "Sandbox starts per hour",
                bars: window.hourly(hours: 24, nowMicros: now) {
                    $0.event.action == ActionKind.sandboxStart.rawValue && $0.event.decision == "allow"
                }
            ).svg,
            runningChart: ConsoleChart(
                title: "Sandboxes running (peak per hour)", bars: sampler.hourlyPeak(hours: 24, nowMicros: now),
                colour: "#6a4fb3"
            ).svg,
            spendChart: try await spendChart(days: 14),
            topDenials: denialCounts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(10).map {
                Count(name: $0.key, count: $0.value)
            })
        return ConsoleRoutes.View(template: "overview", model: model)
    }

    /// Spend per calendar day (UTC), oldest first.
    private func spendChart(days: Int) async throws -> String {
        let day: TimeInterval = 86_400
        let today = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 / day).rounded(.down) * day)
        var bars: [ConsoleChart.Bar] = []
        for offset in stride(from: days - 1, through: 0, by: -1) {
            let start = today.addingTimeInterval(-Double(offset) * day)
            let totals = try await sources.store.usageTotals(
                UsageQuery(since: start, until: start.addingTimeInterval(day), by: .route))
            let label = String(
                WallClock.rfc3339(micros: Int64(start.timeIntervalSince1970) * 1_000_000).prefix(10).dropFirst(5))
            bars.append(.init(label: label, value: Double(totals.reduce(0) { $0 + $1.costMicros }) / 1_000_000))
        }
        var chart = ConsoleChart(title: "Model spend per day", bars: bars, colour: "#1e7b34")
        chart.format = { String(format: "%.2f", $0) }
        return chart.svg
    }
}
