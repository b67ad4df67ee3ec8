import Foundation
import GatehouseCore
import GatehouseInference
import GatehouseStore

/// `/console/spend`: model spend this month (UTC) by person, group and model, and each
/// configured budget with what has been spent against it.
struct SpendPage {
    let sources: ConsoleSources
    var config: ConfigHolder { sources.config }

    init(_ sources: ConsoleSources) { self.sources = sources }

    struct Model {
        let since: String
        let budgets: [Budget]
        let people: [Line]
        let groups: [Line]
        let models: [Line]
    }

    struct Line {
        let key: String
        let requests: Int
        let tokens: Int
        let cost: String
    }

    struct Budget {
        let id: String
        let appliesTo: String
        let budget: String
        let spent: String
        let percent: Int
        let over: Bool
    }

    func view(_ visit: ConsoleRoutes.Visit) async throws -> ConsoleRoutes.View {
        let since = UsageLedger.monthStart(of: Date())
        let byUser = try await totals(UsageQuery(since: since, by: .user))
        let byGroup = try await totals(UsageQuery(since: since, by: .group))
        let byModel = try await totals(UsageQuery(since: since, by: .model))
        var budgets: [Budget] = []
        for limit in config.loaded.config.inference.limits {
            guard let budget = limit.monthlyBudgetMicros else { continue }
            let (who, spent) = try await spent(limit, byUser: byUser, byGroup: byGroup, since: since)
            let percent = budget > 0 ? Int(min(999, spent * 100 / budget)) : 100
            budgets.append(
                Budget(
                    id: limit.id, appliesTo: who, budget: ConsoleFormat.money(budget),
                    spent: ConsoleFormat.money(spent), percent: min(percent, 100), over: spent >= budget))
        }
        let model = Model(
            since: ConsoleFormat.time(Int64(since.timeIntervalSince1970) * 1_000_000), budgets: budgets,
            people: byUser.map(Self.line), groups: byGroup.map(Self.line), models: byModel.map(Self.line))
        return ConsoleRoutes.View(template: "spend", model: model)
    }

    private func totals(_ query: UsageQuery) async throws -> [UsageTotal] {
        try await sources.store.usageTotals(query).sorted { ($0.costMicros, $1.key) > ($1.costMicros, $0.key) }
    }

    /// Whom a limit covers, and the spend it is checked against (for a per-member limit, the
    /// highest member's).
    private func spent(
        _ limit: UsageLimit, byUser: [UsageTotal], byGroup: [UsageTotal], since: Date
    ) async throws -> (String, Int64) {
        switch limit.subject {
        case .user(let subject):
            return (
                "user \(subject)", byUser.filter { $0.key.hasSuffix("#" + subject) }.reduce(0) { $0 + $1.costMicros }
            )
        case .group(let group) where limit.perUser:
            let members = try await sources.store.usageTotals(UsageQuery(since: since, group: group, by: .user))
            return ("each member of \(group) (highest shown)", members.map(\.costMicros).max() ?? 0)
        case .group(let group):
            return ("group \(group)", byGroup.first { $0.key == group }?.costMicros ?? 0)
        }
    }

    static func line(_ total: UsageTotal) -> Line {
        Line(
            key: total.key, requests: total.requests, tokens: total.promptTokens + total.completionTokens,
            cost: ConsoleFormat.money(total.costMicros))
    }
}
