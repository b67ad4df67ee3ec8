import Foundation
import GatehouseCore
import GatehouseStore
import GatehouseTestSupport
import Testing

@Suite(
    .enabled(
        if: StoreHarness.postgresAvailable,
        "GATEHOUSE_TEST_POSTGRES_URL is not set: run scripts/test.sh, which starts a throwaway PostgreSQL"),
    .serialized)
struct PostgresStoreTests {
    @Test func usersRoundTripAndStayUnique() async throws {
        try await StoreHarness.withStore(.postgres) { store, _ in
            try await StoreContract.usersRoundTripAndStayUnique(store)
        }
    }

    @Test func userUpdatesCompareVersions() async throws {
        try await StoreHarness.withStore(.postgres) { store, _ in
            try await StoreContract.userUpdatesCompareVersions(store)
        }
    }

    @Test func deactivationAndDeletionRevokeTokens() async throws {
        try await StoreHarness.withStore(.postgres) { store, _ in
            try await StoreContract.deactivationAndDeletionRevokeTokens(store)
        }
    }

    @Test func groupsKeepMembers() async throws {
        try await StoreHarness.withStore(.postgres) { store, _ in try await StoreContract.groupsKeepMembers(store) }
    }

    @Test func vulnImportsReplaceAndPage() async throws {
        try await StoreHarness.withStore(.postgres) { store, _ in
            try await StoreContract.vulnImportsReplaceAndPage(store)
        }
    }

    @Test func usageTotalsByEachGrouping() async throws {
        try await StoreHarness.withStore(.postgres) { store, _ in
            try await StoreContract.usageTotalsByEachGrouping(store)
        }
    }

    @Test func usageFilters() async throws {
        try await StoreHarness.withStore(.postgres) { store, _ in try await StoreContract.usageFilters(store) }
    }

    @Test func usageTimeWindows() async throws {
        try await StoreHarness.withStore(.postgres) { store, _ in try await StoreContract.usageTimeWindows(store) }
    }

    @Test func usageSpend() async throws {
        try await StoreHarness.withStore(.postgres) { store, _ in try await StoreContract.usageSpend(store) }
    }

    @Test func usageEmptyAndLarge() async throws {
        try await StoreHarness.withStore(.postgres) { store, _ in try await StoreContract.usageEmptyAndLarge(store) }
    }

    @Test func agentSessionsRoundTrip() async throws {
        try await StoreHarness.withStore(.postgres) { store, _ in try await StoreContract.agentSessionsRoundTrip(store)
        }
    }

    @Test func agentSessionsUpsert() async throws {
        try await StoreHarness.withStore(.postgres) { store, _ in try await StoreContract.agentSessionsUpsert(store) }
    }

    @Test func agentSessionsRefuseTakeOverAndBadRecords() async throws {
        try await StoreHarness.withStore(.postgres) { store, _ in
            try await StoreContract.agentSessionsRefuseTakeOverAndBadRecords(store)
        }
    }

    @Test func agentSessionsListing() async throws {
        try await StoreHarness.withStore(.postgres) { store, _ in try await StoreContract.agentSessionsListing(store) }
    }

    @Test func migrationsAreIdempotent() async throws {
        try await StoreHarness.withStore(.postgres) { store, _ in
            try await StoreContract.migrationsAreIdempotent(store)
        }
    }

    @Test func appendsChainAndReadBack() async throws {
        try await StoreHarness.withStore(.postgres) { store, _ in try await StoreContract.appendsChainAndReadBack(store)
        }
    }

    @Test func largeBatchesSpanInsertChunks() async throws {
        try await StoreHarness.withStore(.postgres) { store, _ in
            try await StoreContract.largeBatchesSpanInsertChunks(store)
        }
    }

    @Test func concurrentAppendersShareOneChain() async throws {
        try await StoreHarness.withStore(.postgres) { store, _ in
            try await StoreContract.concurrentAppendersShareOneChain(store)
        }
    }

    @Test func queriesFilterNewestFirst() async throws {
        try await StoreHarness.withStore(.postgres) { store, _ in
            try await StoreContract.queriesFilterNewestFirst(store)
        }
    }

    @Test func tokensListAndRevoke() async throws {
        try await StoreHarness.withStore(.postgres) { store, _ in try await StoreContract.tokensListAndRevoke(store) }
    }

    @Test func tokensRoundTrip() async throws {
        try await StoreHarness.withStore(.postgres) { store, _ in try await StoreContract.tokensRoundTrip(store) }
    }

    @Test func auditRowsAreAppendOnlyInTheDatabase() async throws {
        try await StoreHarness.withStore(.postgres) { store, context in
            _ = try await store.appendAudit([StoreHarness.event(1)], sealer: StoreHarness.sealer())
            let admin = try #require(context.postgres)
            let database = try await databaseName(of: store)
            for sql in [
                "UPDATE audit_records SET outcome = 'x' WHERE seq = 1", "DELETE FROM audit_records",
                "TRUNCATE audit_records", "DELETE FROM audit_checkpoints",
            ] {
                await #expect(throws: (any Error).self, "\(sql)") { try await admin.execute(sql, database: database) }
            }
            #expect(try await store.auditHead().seq == 1)
        }
    }

    @Test func unreachableServerFailsFastWithAClearError() async throws {
        var location = try PostgresAdmin().base
        location.port = 1  // nothing listens on port 1
        let store = PostgresStore(
            location: location, password: nil, maxConnections: 1, timeout: .seconds(2), logger: StoreHarness.logger)
        await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await store.run() }
            defer { group.cancelAll() }
            let error = await #expect(throws: GatehouseError.self) { try await store.ping() }
            #expect(error?.code == .storeUnavailable)
            #expect(error?.message.contains("127.0.0.1:1") == true)
        }
    }

    @Test func storeThatGoesAwayFailsAndRecovers() async throws {
        try await StoreHarness.withStore(.postgres) { store, context in
            let admin = try #require(context.postgres)
            let database = try await databaseName(of: store)
            _ = try await store.appendAudit([StoreHarness.event(1)], sealer: StoreHarness.sealer())
            try await admin.cutOff(database)
            let error = await #expect(throws: GatehouseError.self) {
                _ = try await store.appendAudit([StoreHarness.event(2)], sealer: StoreHarness.sealer())
            }
            #expect(error?.code == .storeUnavailable)
            try await admin.restore(database)
            var recovered = false
            for _ in 0..<50 where !recovered {
                recovered = (try? await store.ping()) != nil
            }
            #expect(recovered)
            // Nothing of the failed append was written.
            #expect(try await store.auditHead().seq == 1)
        }
    }

    private func databaseName(of store: any GatehouseStore) async throws -> String {
        try #require((store as? PostgresStore)?.databaseName)
    }
}
