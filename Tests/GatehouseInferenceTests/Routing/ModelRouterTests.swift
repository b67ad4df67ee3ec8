import GatehouseInference
import Testing

/// Local first, offload only where the facts allow it, and a reason for every skip.
@Suite struct ModelRouterTests {
    let local = Candidate.local("ai/smollm2:latest")
    let remote = Candidate.remote(upstream: "openai", model: "gpt-4o-mini")
    let router = ModelRouter(queueThreshold: 2)

    @Test func localServesWhenItCan() {
        let choice = router.choose(
            [(local, RouteFacts(allowed: true, rule: "r")), (remote, RouteFacts(allowed: true, rule: "o"))],
            contextTokens: 10)
        #expect(choice == .serve(local, reason: "local", rule: "r"))
    }

    @Test func offloadsWhenLocalIsMissingBusyOrTooShort() {
        let cases: [(RouteFacts, String)] = [
            (RouteFacts(allowed: true, rule: "r", present: false), "offload: local model missing"),
            (RouteFacts(allowed: true, rule: "r", inFlight: 2), "offload: local busy (2 in flight)"),
            (RouteFacts(allowed: true, rule: "r", contextLength: 8), "offload: context too long (10 > 8 tokens)"),
        ]
        for (facts, reason) in cases {
            let choice = router.choose(
                [(local, facts), (remote, RouteFacts(allowed: true, rule: "o"))], contextTokens: 10)
            #expect(choice == .serve(remote, reason: reason, rule: "o"))
        }
    }

    @Test func neverOffloadsWithoutGrantOrBudget() {
        let missing = RouteFacts(allowed: true, rule: "r", present: false)
        let noGrant = router.choose(
            [(local, missing), (remote, RouteFacts(allowed: false, rule: "deny-x"))], contextTokens: 1)
        #expect(
            noGrant
                == .refuse([
                    .init(candidate: local, reason: "local model missing"),
                    .init(candidate: remote, reason: "offload not allowed (rule deny-x)", rule: "deny-x"),
                ]))
        let noBudget = router.choose(
            [(local, missing), (remote, RouteFacts(allowed: true, rule: "o", budgetRoom: false))], contextTokens: 1)
        guard case .refuse(let skips) = noBudget else {
            Issue.record("expected a refusal")
            return
        }
        #expect(skips.map(\.reason) == ["local model missing", "no budget left for offload"])
    }

    @Test func busyLocalQueuesWhenNothingElseMayServe() {
        let busy = RouteFacts(allowed: true, rule: "r", inFlight: 5)
        let choice = router.choose(
            [(local, busy), (remote, RouteFacts(allowed: false, rule: "no-offload"))], contextTokens: 1)
        #expect(choice == .serve(local, reason: "local (queued)", rule: "r"))
    }

    @Test func aDeniedLocalCandidateIsSkippedForTheNext() {
        let other = Candidate.local("other:latest")
        let choice = router.choose(
            [(local, RouteFacts(allowed: false, rule: "d")), (other, RouteFacts(allowed: true, rule: "a"))],
            contextTokens: 1)
        #expect(choice == .serve(other, reason: "local", rule: "a"))
    }

    @Test func routesNameTheirPlace() {
        #expect(local.route == "local/ai/smollm2:latest")
        #expect(remote.route == "openai/gpt-4o-mini")
        #expect(remote.isRemote && !local.isRemote)
    }
}
