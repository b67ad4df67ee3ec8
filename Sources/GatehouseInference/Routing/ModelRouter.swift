/// Local first: a request goes to the first candidate, in the alias's order, that the policy
/// allows and that can take it. A local candidate is passed over when its model is missing,
/// when its engine is busy past the queue threshold, or when the request would not fit its
/// context; a remote one is taken only when the policy allows offloading it and the budget has
/// room. Pure: the facts come in, the choice goes out.
public struct ModelRouter: Sendable {
    /// A local engine counts as busy with more than this many requests in flight.
    public var queueThreshold: Int

    /// A router with the given busy threshold.
    public init(queueThreshold: Int) {
        self.queueThreshold = queueThreshold
    }

    /// Chooses among `candidates` for a request needing about `contextTokens` tokens of context.
    public func choose(
        _ candidates: [(Candidate, RouteFacts)], contextTokens: Int
    ) -> RouteChoice {
        var skipped: [RouteChoice.Skip] = []
        var localSkip: String?
        for (candidate, facts) in candidates {
            if let reason = skipReason(candidate, facts, contextTokens: contextTokens) {
                skipped.append(.init(candidate: candidate, reason: reason, rule: facts.allowed ? nil : facts.rule))
                if !candidate.isRemote, localSkip == nil, facts.allowed { localSkip = reason }
                continue
            }
            let reason: String
            if candidate.isRemote {
                reason = skipped.isEmpty ? "remote" : "offload: " + (localSkip ?? skipped[0].reason)
            } else {
                reason = "local"
            }
            return .serve(candidate, reason: reason, rule: facts.rule)
        }
        // Busy is no reason to refuse when nowhere else may take it: the request waits its turn.
        if let busy = candidates.first(where: { candidate, facts in
            !candidate.isRemote && facts.allowed && facts.present
                && skipReason(candidate, facts, contextTokens: contextTokens)?.hasPrefix("local busy") == true
        }) {
            return .serve(busy.0, reason: "local (queued)", rule: busy.1.rule)
        }
        return .refuse(skipped)
    }

    private func skipReason(_ candidate: Candidate, _ facts: RouteFacts, contextTokens: Int) -> String? {
        guard facts.allowed else {
            return candidate.isRemote ? "offload not allowed (rule \(facts.rule))" : "not allowed (rule \(facts.rule))"
        }
        if let length = facts.contextLength, contextTokens > length {
            return "context too long (\(contextTokens) > \(length) tokens)"
        }
        switch candidate {
        case .local:
            guard facts.present else { return "local model missing" }
            guard facts.inFlight < queueThreshold else { return "local busy (\(facts.inFlight) in flight)" }
        case .remote:
            guard facts.budgetRoom else { return "no budget left for offload" }
        }
        return nil
    }
}
