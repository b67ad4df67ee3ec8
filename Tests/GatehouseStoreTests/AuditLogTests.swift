import Crypto
import GatehouseCore
import GatehouseStore
import Logging
import ServiceLifecycle
import Testing

/// The audit writer's batching and shutdown, on SQLite.
@Suite struct AuditLogTests {
    static func log(_ store: any GatehouseStore, key: Curve25519.Signing.PrivateKey) -> AuditLog {
        AuditLog(
            store: store, sealer: StoreHarness.sealer(every: 1_000, key: key), batchMax: 16, dataDir: nil,
            logger: StoreHarness.logger)
    }

    /// Many appends at once are written in batches by the writer task; every one resumes with
    /// its own record, in one unbroken chain.
    @Test func concurrentAppendsEachGetTheirOwnRecord() async throws {
        try await StoreHarness.withStore(.sqlite) { store, _ in
            let key = Curve25519.Signing.PrivateKey()
            let log = Self.log(store, key: key)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await log.run() }
                let resources = try await withThrowingTaskGroup(of: (Int, String).self) { appenders in
                    for n in 0..<200 {
                        appenders.addTask { (n, try await log.append(StoreHarness.event(n)).event.resource) }
                    }
                    return try await appenders.reduce(into: [:]) { $0[$1.0] = $1.1 }
                }
                #expect(resources.count == 200)
                #expect(resources.allSatisfy { $0.value == "res-\($0.key)" })
                group.cancelAll()
            }
            let report = try await AuditVerification.verify(store: store, trustedKeys: [key.publicKey])
            #expect(report.isIntact)
            #expect(report.verifiedRecords == 200)
        }
    }

    /// Graceful shutdown while appends are arriving: each append either is committed or is
    /// refused, and `run` returns only once nothing accepted is left unwritten.
    @Test func shutdownLeavesNothingAcceptedUnwritten() async throws {
        try await StoreHarness.withStore(.sqlite) { store, _ in
            let key = Curve25519.Signing.PrivateKey()
            let log = Self.log(store, key: key)
            let group = ServiceGroup(
                configuration: .init(
                    services: [.init(service: log)], gracefulShutdownSignals: [], logger: StoreHarness.logger))
            let committed = try await withThrowingTaskGroup(of: Int.self) { tasks in
                tasks.addTask {
                    try await group.run()
                    return 0
                }
                for n in 0..<300 {
                    tasks.addTask {
                        if n == 150 { await group.triggerGracefulShutdown() }
                        do {
                            _ = try await log.append(StoreHarness.event(n))
                            return 1
                        } catch let error as GatehouseError where error.code == .unavailable {
                            return 0
                        }
                    }
                }
                return try await tasks.reduce(0, +)
            }
            #expect(committed > 0)
            #expect(try await store.auditHead().seq == Int64(committed))
            await #expect(throws: GatehouseError.self) { try await log.append(StoreHarness.event(999)) }
            let report = try await AuditVerification.verify(store: store, trustedKeys: [key.publicKey])
            #expect(report.isIntact)
        }
    }
}
