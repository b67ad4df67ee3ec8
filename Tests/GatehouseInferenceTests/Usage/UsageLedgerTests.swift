import Foundation
import GatehouseCore
import GatehouseInference
import Synchronization
import Testing

/// Limits as a person meets them: rpm and tpm refusals that name the limit, budgets counted
/// from the store's month-to-date spend plus what this replica charged since.
@Suite struct UsageLedgerTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func rpmRefusesTheRequestPastTheLimitAndNamesIt() async throws {
        let limits = [limit("devs", .group("developers"), rpm: 2)]
        let ledger = UsageLedger { _, _ in 0 }
        for _ in 0..<2 {
            _ = try await ledger.admit(
                limits, principal: "i#a", subject: "a", groups: ["developers"], tokens: 1, now: now)
        }
        await #expect(throws: LimitRefusal.self) {
            _ = try await ledger.admit(
                limits, principal: "i#b", subject: "b", groups: ["developers"], tokens: 1, now: now)
        }
        do {
            _ = try await ledger.admit(
                limits, principal: "i#b", subject: "b", groups: ["developers"], tokens: 1, now: now)
        } catch {
            #expect(error.code == .rateLimited)
            #expect(error.limit == "devs")
            #expect(error.reason.hasPrefix("2 requests per minute reached"))
        }
        // Someone outside the group is not counted by the group's limit.
        _ = try await ledger.admit(limits, principal: "i#c", subject: "c", groups: ["others"], tokens: 1, now: now)
        // A minute later there is room again.
        _ = try await ledger.admit(
            limits, principal: "i#b", subject: "b", groups: ["developers"], tokens: 1, now: now.addingTimeInterval(60))
    }

    @Test func aRefundedRequestGivesItsSlotBack() async throws {
        let limits = [limit("one", .user("a"), rpm: 1, tpm: 10)]
        let ledger = UsageLedger { _, _ in 0 }
        let admission = try await ledger.admit(limits, principal: "i#a", subject: "a", groups: [], tokens: 10, now: now)
        await #expect(throws: LimitRefusal.self) {
            _ = try await ledger.admit(limits, principal: "i#a", subject: "a", groups: [], tokens: 1, now: now)
        }
        await ledger.refund(admission, now: now)
        _ = try await ledger.admit(limits, principal: "i#a", subject: "a", groups: [], tokens: 10, now: now)
    }

    @Test func eachMemberLimitsCountPeopleSeparately() async throws {
        let limits = [limit("each", .group("developers"), perUser: true, rpm: 1)]
        let ledger = UsageLedger { _, _ in
            0
        }
        _ = try await ledger.admit(limits, principal: "i#a", subject: "a", groups: ["developers"], tokens: 1, now: now)
        _ = try await ledger.admit(limits, principal: "i#b", subject: "b", groups: ["developers"], tokens: 1, now: now)
        await #expect(throws: LimitRefusal.self) {
            _ = try await ledger.admit(
                limits, principal: "i#a", subject: "a", groups: ["developers"], tokens: 1, now: now)
        }
    }

    @Test func tpmCountsChargedTokensAndTheEstimate() async throws {
        let limits = [limit("alice", .user("a"), tpm: 100)]
        let ledger = UsageLedger { _, _ in 0 }
        let admission = try await ledger.admit(limits, principal: "i#a", subject: "a", groups: [], tokens: 10, now: now)
        #expect(admission.limitIDs == ["alice"])
        await ledger.charge(admission, tokens: 80, costMicros: 0, now: now)
        // 80 used: a request estimated at 20 still fits, and is reserved at once…
        _ = try await ledger.admit(limits, principal: "i#a", subject: "a", groups: [], tokens: 20, now: now)
        // …so a concurrent one of 1 more does not.
        await #expect(throws: LimitRefusal.self) {
            _ = try await ledger.admit(limits, principal: "i#a", subject: "a", groups: [], tokens: 1, now: now)
        }
        do {
            _ = try await ledger.admit(limits, principal: "i#a", subject: "a", groups: [], tokens: 21, now: now)
            Issue.record("the tpm limit let a request through")
        } catch {
            #expect(error.limit == "alice")
            #expect(error.reason.hasPrefix("100 tokens per minute would be exceeded (100 used, about 21 asked)"))
        }
    }

    @Test func budgetsAddTheStoreAndTheLocalCharges() async throws {
        let loads = Mutex(0)
        let limits = [limit("team", .group("developers"), budget: 1_000)]
        let ledger = UsageLedger(refreshSeconds: 3600) { key, since in
            loads.withLock { $0 += 1 }
            #expect(key == .group("developers"))
            #expect(since == UsageLedger.monthStart(of: Date(timeIntervalSince1970: 1_800_000_000)))
            return 900
        }
        let admission = try await ledger.admit(
            limits, principal: "i#a", subject: "a", groups: ["developers"], tokens: 1, now: now)
        #expect(try await ledger.spentBudget(admission, now: now) == nil)
        await ledger.charge(admission, tokens: 10, costMicros: 100, now: now)
        #expect(try await ledger.spentBudget(admission, now: now)?.id == "team")
        #expect(loads.withLock { $0 } == 1)
    }

    @Test func monthsStartAtMidnightUTCOnTheFirst() {
        let start = UsageLedger.monthStart(of: Date(timeIntervalSince1970: 1_800_000_000))  // 2027-01-15
        #expect(start == Date(timeIntervalSince1970: 1_798_761_600))  // 2027-01-01T00:00:00Z
    }

    private func limit(
        _ id: String, _ subject: UsageLimit.Subject, perUser: Bool = false, rpm: Int? = nil, tpm: Int? = nil,
        budget: Int64? = nil
    ) -> UsageLimit {
        var limit = UsageLimit(id: id, subject: subject, perUser: perUser)
        limit.requestsPerMinute = rpm
        limit.tokensPerMinute = tpm
        limit.monthlyBudgetMicros = budget
        return limit
    }
}
