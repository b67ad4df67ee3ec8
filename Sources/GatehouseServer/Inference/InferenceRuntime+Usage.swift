import Foundation
import GatehouseCore
import GatehouseInference
import GatehouseStore
import Metrics

extension InferenceRuntime {
    /// Accounts a finished request: its cost from the price table, charged to every limit it
    /// counted against, queued as a usage record. Returns the audit outcome's usage part.
    func account(_ plan: InferencePlan, principal: Principal, model: String, usage: TokenUsage) async -> String {
        let cost = config.loaded.config.inference.costMicros(route: plan.candidate.route, usage: usage)
        if !plan.admission.counted.isEmpty {
            await ledger.charge(plan.admission, tokens: usage.totalTokens, costMicros: cost)
        }
        self.usage.append(
            UsageRecord(
                at: Date(), principal: principal.key, principalDisplay: principal.displayName,
                groups: principal.groups, model: model, route: plan.candidate.route,
                promptTokens: usage.promptTokens, completionTokens: usage.completionTokens, costMicros: cost,
                estimated: usage.estimated))
        // By where it ran: `local` or the upstream's name (a handful, from the configuration).
        let route = String(plan.candidate.route.prefix { $0 != "/" })
        Counter(label: "gatehouse_model_tokens_total", dimensions: [("route", route), ("direction", "in")])
            .increment(by: usage.promptTokens)
        Counter(label: "gatehouse_model_tokens_total", dimensions: [("route", route), ("direction", "out")])
            .increment(by: usage.completionTokens)
        Counter(label: "gatehouse_model_cost_micros_total", dimensions: [("route", route)]).increment(by: cost)
        return "tokens_in=\(usage.promptTokens) tokens_out=\(usage.completionTokens) cost_micros=\(cost)"
            + (usage.estimated ? " tokens_estimated" : "")
    }
}
