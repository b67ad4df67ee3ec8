import Foundation
import GatehouseCore
import GatehouseStore
import Testing

extension StoreContract {
    static let usageStart = Date(timeIntervalSince1970: 1_800_000_000)
    static let alice = "https://idp.test#alice"
    static let bob = "https://idp.test#bob"
    static let carol = "https://idp.test#carol"

    /// Four requests a minute apart: alice's first in two groups, bob's naming a group twice,
    /// carol's in none.
    static func usageRecords() -> [UsageRecord] {
        func at(_ minutes: Double) -> Date { usageStart.addingTimeInterval(minutes * 60) }
        return [
            UsageRecord(
                at: at(0), principal: alice, principalDisplay: "Alice", groups: ["dev", "ml"], model: "smollm2",
                route: "local/smollm2", promptTokens: 100, completionTokens: 10, costMicros: 0),
            UsageRecord(
                at: at(1), principal: alice, groups: ["dev"], model: "smollm2", route: "openai/gpt-4o-mini",
                promptTokens: 200, completionTokens: 20, costMicros: 5_000),
            UsageRecord(
                at: at(2), principal: bob, groups: ["dev", "dev"], model: "gpt", route: "openai/gpt-4o-mini",
                promptTokens: 50, completionTokens: 5, costMicros: 5_000),
            UsageRecord(
                at: at(3), principal: carol, model: "smollm2", route: "local/smollm2", promptTokens: 10,
                completionTokens: 1, costMicros: 0, estimated: true),
        ]
    }

    static func total(_ key: String, _ requests: Int, _ prompt: Int, _ completion: Int, _ cost: Int64) -> UsageTotal {
        UsageTotal(key: key, requests: requests, promptTokens: prompt, completionTokens: completion, costMicros: cost)
    }

    /// Totals by each grouping, sorted by cost then key; a record counts once in each of its
    /// groups, and a group named twice in one record counts once.
    static func usageTotalsByEachGrouping(_ store: any GatehouseStore) async throws {
        try await store.appendUsage(usageRecords())
        func totals(_ by: UsageGrouping) async throws -> [UsageTotal] {
            try await store.usageTotals(UsageQuery(since: usageStart, by: by))
        }
        #expect(
            try await totals(.user) == [
                total(alice, 2, 300, 30, 5_000), total(bob, 1, 50, 5, 5_000), total(carol, 1, 10, 1, 0),
            ])
        #expect(try await totals(.group) == [total("dev", 3, 350, 35, 10_000), total("ml", 1, 100, 10, 0)])
        #expect(
            try await totals(.model) == [total("gpt", 1, 50, 5, 5_000), total("smollm2", 3, 310, 31, 5_000)],
            "equal costs: by key")
        #expect(
            try await totals(.route) == [
                total("openai/gpt-4o-mini", 2, 250, 25, 10_000), total("local/smollm2", 2, 110, 11, 0),
            ])
    }

    /// The principal and group filters, alone and together, with every grouping.
    static func usageFilters(_ store: any GatehouseStore) async throws {
        try await store.appendUsage(usageRecords())
        func totals(principal: String? = nil, group: String? = nil, by: UsageGrouping) async throws -> [UsageTotal] {
            try await store.usageTotals(UsageQuery(since: usageStart, principal: principal, group: group, by: by))
        }
        #expect(
            try await totals(principal: alice, by: .route) == [
                total("openai/gpt-4o-mini", 1, 200, 20, 5_000), total("local/smollm2", 1, 100, 10, 0),
            ])
        #expect(try await totals(group: "ml", by: .user) == [total(alice, 1, 100, 10, 0)])
        #expect(try await totals(group: "dev", by: .group) == [total("dev", 3, 350, 35, 10_000)])
        #expect(try await totals(group: "dev", by: .model).map(\.key) == ["gpt", "smollm2"])
        #expect(try await totals(principal: bob, group: "ml", by: .user).isEmpty)
        #expect(try await totals(principal: "https://idp.test#nobody", by: .model).isEmpty)
        #expect(try await totals(group: "nobody", by: .group).isEmpty)
    }

    /// `since` is inclusive, `until` exclusive.
    static func usageTimeWindows(_ store: any GatehouseStore) async throws {
        try await store.appendUsage(usageRecords())
        func users(since minutes: Double, until end: Double? = nil) async throws -> [String] {
            try await store.usageTotals(
                UsageQuery(
                    since: usageStart.addingTimeInterval(minutes * 60),
                    until: end.map { usageStart.addingTimeInterval($0 * 60) }, by: .user)
            ).map(\.key)
        }
        #expect(try await users(since: 1) == [alice, bob, carol])
        #expect(
            try await store.usageTotals(UsageQuery(since: usageStart.addingTimeInterval(60), by: .user)).first
                == total(alice, 1, 200, 20, 5_000))
        #expect(try await users(since: 0, until: 2) == [alice])
        #expect(try await users(since: 2, until: 3) == [bob])
        #expect(try await users(since: 2, until: 2).isEmpty)
        #expect(try await users(since: 3.01).isEmpty)
        #expect(try await users(since: -10, until: 0).isEmpty)
    }

    /// A principal's and its groups' spend since a time; groups without records are zero.
    static func usageSpend(_ store: any GatehouseStore) async throws {
        try await store.appendUsage(usageRecords())
        let since = usageStart.addingTimeInterval(60)
        let spend = try await store.spend(principal: alice, groups: ["dev", "ml", "quiet", "dev"], since: since)
        #expect(spend.principal == total(alice, 1, 200, 20, 5_000))
        #expect(
            spend.groups == [
                "dev": total("dev", 2, 250, 25, 10_000), "ml": UsageTotal(key: "ml"), "quiet": UsageTotal(key: "quiet"),
            ])
        let all = try await store.spend(principal: alice, groups: ["ml"], since: usageStart)
        #expect(all.principal == total(alice, 2, 300, 30, 5_000) && all.groups["ml"] == total("ml", 1, 100, 10, 0))
        let stranger = try await store.spend(principal: "https://idp.test#nobody", groups: [], since: usageStart)
        #expect(stranger == UsageSpend(principal: UsageTotal(key: "https://idp.test#nobody"), groups: [:]))
    }

    /// An empty store sums to nothing; appending nothing is allowed; a large append spans
    /// several INSERTs and stays exact.
    static func usageEmptyAndLarge(_ store: any GatehouseStore) async throws {
        for grouping in UsageGrouping.allCases {
            #expect(try await store.usageTotals(UsageQuery(since: .distantPast, by: grouping)).isEmpty)
        }
        try await store.appendUsage([])
        #expect(
            try await store.spend(principal: alice, groups: ["dev"], since: .distantPast).groups["dev"]?.requests == 0)
        let many = (0..<1_234).map { n in
            UsageRecord(
                at: usageStart.addingTimeInterval(Double(n)), principal: n.isMultiple(of: 2) ? alice : bob,
                groups: ["dev", "g\(n % 3)"], model: "m", route: "local/m", promptTokens: 1, completionTokens: 2,
                costMicros: 3)
        }
        try await store.appendUsage(many)
        #expect(
            try await store.usageTotals(UsageQuery(since: usageStart, by: .group)) == [
                total("dev", 1_234, 1_234, 2_468, 3_702), total("g0", 412, 412, 824, 1_236),
                total("g1", 411, 411, 822, 1_233), total("g2", 411, 411, 822, 1_233),
            ])
    }
}
