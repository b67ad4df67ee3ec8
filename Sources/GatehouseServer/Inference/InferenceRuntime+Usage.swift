import Foundation
import GatehouseCore
import GatehouseInference
import GatehouseStore

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
        return "tokens_in=\(usage.promptTokens) tokens_out=\(usage.completionTokens) cost_micros=\(cost)"
            + (usage.estimated ? " tokens_estimated" : "")
    }
}
