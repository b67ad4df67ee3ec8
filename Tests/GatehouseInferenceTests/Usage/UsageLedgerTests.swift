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
        let ledger = UsageLedger(limits: [UsageLimit(id: "devs", scope: .group("developers"), rpm: 2)]) { _, _ in 0 }
        for _ in 0..<2 {
            _ = try await ledger.admit(principal: "i#a", subject: "a", groups: ["developers"], tokens: 1, now: now)
        }
        await #expect(throws: GatehouseError.self) {
            _ = try await ledger.admit(principal: "i#b", subject: "b", groups: ["developers"], tokens: 1, now: now)
        }
        do {
            _ = try await ledger.admit(principal: "i#b", subject: "b", groups: ["developers"], tokens: 1, now: now)
        } catch {
            #expect(error.code == .rateLimited)
            #expect(error.message.contains("limit devs: 2 requests per minute"))
        }
        // Someone outside the group is not counted by the group's limit.
        _ = try await ledger.admit(principal: "i#c", subject: "c", groups: ["others"], tokens: 1, now: now)
        // A minute later there is room again.
        _ = try await ledger.admit(
            principal: "i#b", subject: "b", groups: ["developers"], tokens: 1, now: now.addingTimeInterval(60))
    }

    @Test func eachMemberLimitsCountPeopleSeparately() async throws {
        let ledger = UsageLedger(limits: [UsageLimit(id: "each", scope: .eachMember("developers"), rpm: 1)]) { _, _ in
            0
        }
        _ = try await ledger.admit(principal: "i#a", subject: "a", groups: ["developers"], tokens: 1, now: now)
        _ = try await ledger.admit(principal: "i#b", subject: "b", groups: ["developers"], tokens: 1, now: now)
        await #expect(throws: GatehouseError.self) {
            _ = try await ledger.admit(principal: "i#a", subject: "a", groups: ["developers"], tokens: 1, now: now)
        }
    }

    @Test func tpmCountsChargedTokensAndTheEstimate() async throws {
        let ledger = UsageLedger(limits: [UsageLimit(id: "alice", scope: .user("a"), tpm: 100)]) { _, _ in 0 }
        let admission = try await ledger.admit(principal: "i#a", subject: "a", groups: [], tokens: 10, now: now)
        #expect(admission.limitIDs == ["alice"])
        await ledger.charge(admission, tokens: 80, costMicros: 0, now: now)
        _ = try await ledger.admit(principal: "i#a", subject: "a", groups: [], tokens: 20, now: now)
        do {
            _ = try await ledger.admit(principal: "i#a", subject: "a", groups: [], tokens: 21, now: now)
            Issue.record("the tpm limit let a request through")
        } catch {
            #expect(error.message.contains("limit alice: 100 tokens per minute"))
        }
    }

    @Test func budgetsAddTheStoreAndTheLocalCharges() async throws {
        let loads = Mutex(0)
        let ledger = UsageLedger(
            limits: [UsageLimit(id: "team", scope: .group("developers"), monthlyBudgetMicros: 1_000)],
            refreshSeconds: 3600
        ) { key, since in
            loads.withLock { $0 += 1 }
            #expect(key == .group("developers"))
            #expect(since == UsageLedger.monthStart(of: Date(timeIntervalSince1970: 1_800_000_000)))
            return 900
        }
        let admission = try await ledger.admit(
            principal: "i#a", subject: "a", groups: ["developers"], tokens: 1, now: now)
        #expect(try await ledger.spentBudget(admission, now: now) == nil)
        await ledger.charge(admission, tokens: 10, costMicros: 100, now: now)
        #expect(try await ledger.spentBudget(admission, now: now)?.id == "team")
        #expect(loads.withLock { $0 } == 1)
    }

    @Test func monthsStartAtMidnightUTCOnTheFirst() {
        let start = UsageLedger.monthStart(of: Date(timeIntervalSince1970: 1_800_000_000))  // 2027-01-15
        #expect(start == Date(timeIntervalSince1970: 1_798_761_600))  // 2027-01-01T00:00:00Z
    }
}
