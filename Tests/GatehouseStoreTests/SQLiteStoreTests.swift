import Crypto
import Foundation
import GatehouseCore
import GatehouseStore
import SQLiteNIO
import Testing

@Suite struct SQLiteStoreTests {
    @Test func usersRoundTripAndStayUnique() async throws {
        try await StoreHarness.withStore(.sqlite) { store, _ in
            try await StoreContract.usersRoundTripAndStayUnique(store)
        }
    }

    @Test func userUpdatesCompareVersions() async throws {
        try await StoreHarness.withStore(.sqlite) { store, _ in
            try await StoreContract.userUpdatesCompareVersions(store)
        }
    }

    @Test func deactivationAndDeletionRevokeTokens() async throws {
        try await StoreHarness.withStore(.sqlite) { store, _ in
            try await StoreContract.deactivationAndDeletionRevokeTokens(store)
        }
    }

    @Test func groupsKeepMembers() async throws {
        try await StoreHarness.withStore(.sqlite) { store, _ in try await StoreContract.groupsKeepMembers(store) }
    }

    @Test func vulnImportsReplaceAndPage() async throws {
        try await StoreHarness.withStore(.sqlite) { store, _ in try await StoreContract.vulnImportsReplaceAndPage(store)
        }
    }

    @Test func usageTotalsByEachGrouping() async throws {
        try await StoreHarness.withStore(.sqlite) { store, _ in try await StoreContract.usageTotalsByEachGrouping(store)
        }
    }

    @Test func usageFilters() async throws {
        try await StoreHarness.withStore(.sqlite) { store, _ in try await StoreContract.usageFilters(store) }
    }

    @Test func usageTimeWindows() async throws {
        try await StoreHarness.withStore(.sqlite) { store, _ in try await StoreContract.usageTimeWindows(store) }
    }

    @Test func usageSpend() async throws {
        try await StoreHarness.withStore(.sqlite) { store, _ in try await StoreContract.usageSpend(store) }
    }

    @Test func usageEmptyAndLarge() async throws {
        try await StoreHarness.withStore(.sqlite) { store, _ in try await StoreContract.usageEmptyAndLarge(store) }
    }

    @Test func agentSessionsRoundTrip() async throws {
        try await StoreHarness.withStore(.sqlite) { store, _ in try await StoreContract.agentSessionsRoundTrip(store) }
    }

    @Test func agentSessionsUpsert() async throws {
        try await StoreHarness.withStore(.sqlite) { store, _ in try await StoreContract.agentSessionsUpsert(store) }
    }

    @Test func agentSessionsRefuseTakeOverAndBadRecords() async throws {
        try await StoreHarness.withStore(.sqlite) { store, _ in
            try await StoreContract.agentSessionsRefuseTakeOverAndBadRecords(store)
        }
    }

    @Test func agentSessionsListing() async throws {
        try await StoreHarness.withStore(.sqlite) { store, _ in try await StoreContract.agentSessionsListing(store) }
    }

    @Test func migrationsAreIdempotent() async throws {
        try await StoreHarness.withStore(.sqlite) { store, _ in try await StoreContract.migrationsAreIdempotent(store) }
    }

    @Test func appendsChainAndReadBack() async throws {
        try await StoreHarness.withStore(.sqlite) { store, _ in try await StoreContract.appendsChainAndReadBack(store) }
    }

    @Test func largeBatchesSpanInsertChunks() async throws {
        try await StoreHarness.withStore(.sqlite) { store, _ in
            try await StoreContract.largeBatchesSpanInsertChunks(store)
        }
    }

    @Test func concurrentAppendersShareOneChain() async throws {
        try await StoreHarness.withStore(.sqlite) { store, _ in
            try await StoreContract.concurrentAppendersShareOneChain(store)
        }
    }

    @Test func queriesFilterNewestFirst() async throws {
        try await StoreHarness.withStore(.sqlite) { store, _ in try await StoreContract.queriesFilterNewestFirst(store)
        }
    }

    @Test func tokensListAndRevoke() async throws {
        try await StoreHarness.withStore(.sqlite) { store, _ in try await StoreContract.tokensListAndRevoke(store) }
    }

    @Test func tokensRoundTrip() async throws {
        try await StoreHarness.withStore(.sqlite) { store, _ in try await StoreContract.tokensRoundTrip(store) }
    }

    @Test func auditRowsAreAppendOnlyInTheDatabase() async throws {
        try await StoreHarness.withStore(.sqlite) { store, context in
            _ = try await store.appendAudit([StoreHarness.event(1)], sealer: StoreHarness.sealer())
            let raw = try await SQLiteConnection.open(storage: .file(path: context.sqlitePath!))
            await #expect(throws: (any Error).self) {
                _ = try await raw.query("UPDATE audit_records SET outcome = 'x' WHERE seq = 1")
            }
            await #expect(throws: (any Error).self) {
                _ = try await raw.query("DELETE FROM audit_records WHERE seq = 1")
            }
            try await raw.close()
        }
    }

    /// A store appends after the head it last wrote without reading it again; a second writer
    /// on the same file (the CLI while the server runs) must still never fork the chain.
    @Test func twoWritersOnOneFileKeepOneChain() async throws {
        try await StoreHarness.withStore(.sqlite) { store, context in
            let key = Curve25519.Signing.PrivateKey()
            let sealer = StoreHarness.sealer(every: 1000, key: key)
            let other = try await SQLiteStore.open(path: context.sqlitePath!, logger: StoreHarness.logger)
            var seqs: [Int64] = []
            for round in 0..<4 {
                seqs += try await store.appendAudit([StoreHarness.event(round * 10)], sealer: sealer).records.map(\.seq)
                seqs += try await other.appendAudit(
                    [StoreHarness.event(round * 10 + 1), StoreHarness.event(round * 10 + 2)], sealer: sealer
                ).records.map(\.seq)
            }
            await other.shutdown()
            #expect(seqs == Array(1...12))
            let report = try await AuditVerification.verify(store: store, trustedKeys: [key.publicKey])
            #expect(report.isIntact)
            #expect(report.verifiedRecords == 12)
        }
    }

    @Test func unwritableLocationIsAClearError() async throws {
        let error = await #expect(throws: GatehouseError.self) {
            _ = try await SQLiteStore.open(path: "/proc/gatehouse/nope.db", logger: StoreHarness.logger)
        }
        #expect(error?.code == .storeUnavailable)
        #expect(error?.message.contains("/proc/gatehouse") == true)
    }
}
