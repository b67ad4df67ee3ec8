import Crypto
import Foundation
import GatehouseCore
import GatehouseStore
import Testing

/// The behaviour every store driver must have. Each driver's suite runs all of it.
enum StoreContract {
    static func migrationsAreIdempotent(_ store: any GatehouseStore) async throws {
        let first = try await store.migrate()
        let second = try await store.migrate()
        #expect(first == second)
        #expect(first >= 1)
        try await store.ping()
    }

    static func appendsChainAndReadBack(_ store: any GatehouseStore) async throws {
        #expect(try await store.auditHead() == .genesis)
        let sealer = StoreHarness.sealer(every: 1000)
        let first = try await store.appendAudit((1...3).map { StoreHarness.event($0) }, sealer: sealer)
        let second = try await store.appendAudit((4...5).map { StoreHarness.event($0) }, sealer: sealer)
        #expect(first.records.map(\.seq) == [1, 2, 3])
        #expect(second.records[0].prevHash == first.records[2].hash)
        #expect(try await store.auditHead() == second.head)
        let stored = try await store.auditRecords(after: 0, limit: 100)
        #expect(stored == first.records + second.records)
        #expect(try await store.auditRecords(after: 3, limit: 1).map(\.seq) == [4])
    }

    static func largeBatchesSpanInsertChunks(_ store: any GatehouseStore) async throws {
        let key = Curve25519.Signing.PrivateKey()
        let result = try await store.appendAudit(
            (1...2_345).map { StoreHarness.event($0) }, sealer: StoreHarness.sealer(every: 1000, key: key))
        #expect(result.head.seq == 2_345)
        #expect(result.checkpoints.map(\.seq) == [1000, 2000])
        #expect(try await store.auditCheckpoints() == result.checkpoints)
        let report = try await AuditVerification.verify(store: store, trustedKeys: [key.publicKey])
        #expect(report.isIntact)
        #expect(report.verifiedRecords == 2_345)
        #expect(report.checkpointsChecked == 2)
    }

    static func concurrentAppendersShareOneChain(_ store: any GatehouseStore) async throws {
        let key = Curve25519.Signing.PrivateKey()
        let log = AuditLog(
            store: store, sealer: StoreHarness.sealer(every: 50, key: key), batchMax: 64, dataDir: nil,
            logger: StoreHarness.logger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await log.run() }
            try await withThrowingTaskGroup(of: [Int64].self) { appenders in
                for task in 0..<40 {
                    appenders.addTask {
                        var seqs: [Int64] = []
                        for n in 0..<10 { seqs.append(try await log.append(StoreHarness.event(task * 10 + n)).seq) }
                        return seqs
                    }
                }
                var all: [Int64] = []
                for try await seqs in appenders {
                    #expect(seqs == seqs.sorted())
                    all += seqs
                }
                #expect(all.sorted() == Array(1...400))
            }
            group.cancelAll()
        }
        let report = try await AuditVerification.verify(store: store, trustedKeys: [key.publicKey])
        #expect(report.isIntact)
        #expect(report.verifiedRecords == 400)
        #expect(report.checkpointsChecked == 8)
    }

    static func queriesFilterNewestFirst(_ store: any GatehouseStore) async throws {
        var events: [AuditEvent] = []
        for n in 1...20 {
            events.append(
                StoreHarness.event(
                    n, subject: n.isMultiple(of: 2) ? "alice" : "bob", action: n <= 10 ? "model.use" : "tool.call",
                    decision: n.isMultiple(of: 5) ? "deny" : "allow"))
        }
        _ = try await store.appendAudit(events, sealer: StoreHarness.sealer())
        let alice = try await store.queryAudit(AuditQuery(subject: "alice"))
        #expect(alice.map(\.seq) == [20, 18, 16, 14, 12, 10, 8, 6, 4, 2])
        let aliceTools = try await store.queryAudit(AuditQuery(subject: "alice", action: "tool.call", limit: 2))
        #expect(aliceTools.map(\.seq) == [20, 18])
        let denied = try await store.queryAudit(AuditQuery(decision: "deny"))
        #expect(denied.map(\.seq) == [20, 15, 10, 5])
        let since = try await store.queryAudit(
            AuditQuery(sinceMicros: events[16].timeMicros, untilMicros: events[19].timeMicros))
        #expect(since.map(\.seq) == [19, 18, 17])
        #expect(try await store.queryAudit(AuditQuery(subject: "nobody")).isEmpty)
    }

    static func tokensRoundTrip(_ store: any GatehouseStore) async throws {
        let principal = Principal(
            issuer: "gatehouse:local", subject: "admin", groups: ["admins", "ops"], authMethod: .localAdmin)
        let token = AccessTokenRecord(
            id: "tok_1", tokenHash: String(repeating: "ab", count: 32), name: "bootstrap", principal: principal,
            scopes: ["audit:read"], createdMicros: 10, expiresMicros: 99)
        #expect(try await store.tokenCount(authMethod: .localAdmin) == 0)
        try await store.insertToken(token)
        #expect(try await store.token(hash: token.tokenHash) == token)
        #expect(try await store.token(hash: String(repeating: "cd", count: 32)) == nil)
        try await store.touchToken(id: "tok_1", atMicros: 50)
        #expect(try await store.token(hash: token.tokenHash)?.lastUsedMicros == 50)
        #expect(try await store.tokenCount(authMethod: .localAdmin) == 1)
        #expect(try await store.tokenCount(authMethod: .accessToken) == 0)
        var duplicate = token
        duplicate.id = "tok_2"
        await #expect(throws: GatehouseError.self) { try await store.insertToken(duplicate) }
    }

    static func tokensListAndRevoke(_ store: any GatehouseStore) async throws {
        let alice = Principal(issuer: "https://idp.test", subject: "alice", groups: ["dev"], authMethod: .accessToken)
        let bob = Principal(issuer: "https://idp.test", subject: "bob", authMethod: .accessToken)
        for (n, principal) in [(1, alice), (2, alice), (3, bob)] {
            try await store.insertToken(
                AccessTokenRecord(
                    id: "tok_\(n)", tokenHash: String(repeating: "\(n)", count: 64), name: "t\(n)",
                    principal: principal, createdMicros: Int64(n)))
        }
        #expect(try await store.tokens(issuer: "https://idp.test", subject: "alice").map(\.id) == ["tok_2", "tok_1"])
        #expect(try await store.tokens(issuer: "other", subject: "alice").isEmpty)
        #expect(try await store.token(id: "tok_3")?.principal.subject == "bob")
        #expect(try await store.token(id: "tok_9") == nil)
        #expect(try await store.revokeToken(id: "tok_1", atMicros: 77))
        #expect(try await !store.revokeToken(id: "tok_1", atMicros: 78))
        #expect(try await !store.revokeToken(id: "tok_9", atMicros: 78))
        #expect(try await store.token(id: "tok_1")?.revokedMicros == 77)
        #expect(try await store.token(id: "tok_2")?.revokedMicros == nil)

        // Sessions made from tok_2 go with it; a sibling token and tok_2's own parent stay.
        for (n, parent) in [(4, "tok_2"), (5, "tok_2"), (6, "tok_3")] {
            try await store.insertToken(
                AccessTokenRecord(
                    id: "tok_\(n)", tokenHash: String(repeating: "\(n)", count: 64), name: "session \(n)",
                    principal: alice, createdMicros: Int64(n), parentID: parent))
        }
        #expect(try await store.token(id: "tok_4")?.parentID == "tok_2")
        #expect(try await store.revokeToken(id: "tok_2", atMicros: 80))
        #expect(try await store.token(id: "tok_4")?.revokedMicros == 80)
        #expect(try await store.token(id: "tok_5")?.revokedMicros == 80)
        #expect(try await store.token(id: "tok_6")?.revokedMicros == nil)
        #expect(try await store.token(id: "tok_3")?.revokedMicros == nil)
        // Revoking a session alone is still reported as its own revocation.
        #expect(try await store.revokeToken(id: "tok_6", atMicros: 81))
        #expect(try await store.token(id: "tok_3")?.revokedMicros == nil)
    }
}
