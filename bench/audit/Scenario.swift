import Crypto
import Foundation
import GatehouseCore
import GatehouseStore
import ServiceLifecycle

/// A raw writer of the same rows, without the audit trail's work: the baseline.
protocol Baseline: Sendable {
    /// Inserts `records` in one transaction.
    func insert(_ records: [AuditRecord]) async throws
}

/// One store's measurements.
struct Scenario {
    let name: String
    let store: any GatehouseStore
    let baseline: any Baseline

    func run(single: Int, batched: Int, into report: inout BenchReport) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await store.run() }
            defer { group.cancelAll() }
            try await store.migrate()
            try await measure(single: single, batched: batched, into: &report)
            await store.shutdown()
        }
    }

    private func measure(single: Int, batched: Int, into report: inout BenchReport) async throws {
        let key = Curve25519.Signing.PrivateKey()
        let log = AuditLog(
            store: store, sealer: AuditSealer(checkpointEvery: 1000, signingKey: key), batchMax: 1024, dataDir: nil,
            logger: AuditBench.logger)
        let events = AuditBench.events(batched)
        let sealed = AuditHead.genesis.seal(events).records
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await log.run() }
            defer { group.cancelAll() }

            // Single: one append at a time, each its own durable commit.
            let singleTime = try await time { for event in events.prefix(single) { try await log.append(event) } }
            let singleBase = try await time {
                for record in sealed.prefix(single) { try await baseline.insert([record]) }
            }
            report.add(name, "append, one at a time (durable commit each)", single, singleTime, singleBase)

            // Batched: 1,000 concurrent appenders; the writer groups them into commits.
            let concurrent = events.count - single
            let perTask = concurrent / 1000
            let batchTime = try await time {
                try await withThrowingTaskGroup(of: Void.self) { appenders in
                    for task in 0..<1000 {
                        let mine = Array(events[(single + task * perTask)..<(single + (task + 1) * perTask)])
                        appenders.addTask { for event in mine { try await log.append(event) } }
                    }
                    try await appenders.waitForAll()
                }
            }
            // Caller batches: one append(contentsOf:) of 1,024 events per call.
            let callerEvents = AuditBench.events(batched)
            let callerTime = try await time {
                var start = 0
                while start < callerEvents.count {
                    try await log.append(contentsOf: Array(callerEvents[start..<min(start + 1024, callerEvents.count)]))
                    start += 1024
                }
            }
            let batchBase = try await time {
                var start = single
                while start < single + perTask * 1000 {
                    try await baseline.insert(Array(sealed[start..<min(start + 1024, single + perTask * 1000)]))
                    start += 1024
                }
            }
            report.add(name, "append, 1,000 concurrent appenders (group commit)", perTask * 1000, batchTime, batchBase)
            report.add(
                name, "append, caller batches of 1,024 (append(contentsOf:))", callerEvents.count, callerTime,
                batchBase * Double(callerEvents.count) / Double(perTask * 1000))
        }

        // Verify: read every record back and check chain and checkpoints.
        let total = Int(try await store.auditHead().seq)
        var result: AuditChainVerifier.Report?
        let verifyTime = try await time {
            result = try await AuditVerification.verify(store: store, trustedKeys: [key.publicKey])
        }
        guard let result, result.isIntact, result.verifiedRecords == total else {
            throw GatehouseError(.auditTampered, "bench chain did not verify: \(String(describing: result?.fault))")
        }
        let readTime = try await time { _ = try await readAll() }
        let records = try await readAll()
        if ProcessInfo.processInfo.environment["BENCH_DETAIL"] != nil {
            let parallel = try await time { _ = await AuditVerification.intactFlags(records) }
            let serial = try await time { _ = records.map(\.isIntact) }
            print("detail \(name): read \(readTime), parallel hash \(parallel), serial hash \(serial)")
        }
        var hashed = 0
        let hashBase = try await time {
            for record in records {
                var hasher = SHA256()
                hasher.update(data: record.prevHash.bytes)
                hasher.update(data: record.event.canonicalBytes)
                hashed &+= Int(Array(hasher.finalize())[0])
            }
        }
        report.add(name, "verify, from the store (read + hash + link + checkpoints)", total, verifyTime, hashBase)
        var verifier = AuditChainVerifier(checkpoints: try await store.auditCheckpoints(), trustedKeys: [key.publicKey])
        let memoryTime = try await time { for record in records { _ = verifier.consume(record) } }
        report.add(name, "verify, records already in memory", total, memoryTime, hashBase)
        if hashed == -1 { print("") }
    }

    private func readAll() async throws -> [AuditRecord] {
        var out: [AuditRecord] = []
        var after: Int64 = 0
        while true {
            let page = try await store.auditRecords(after: after, limit: 10_000)
            guard let last = page.last else { return out }
            out += page
            after = last.seq
        }
    }

    private func time(_ body: () async throws -> Void) async throws -> Duration {
        let clock = ContinuousClock()
        let start = clock.now
        try await body()
        return clock.now - start
    }
}

/// The printed table.
struct BenchReport {
    private var rows: [String] = []
    private var notes: [String] = []

    mutating func add(_ store: String, _ what: String, _ count: Int, _ measured: Duration, _ baseline: Duration) {
        let rate = Double(count) / measured.seconds
        let baseRate = Double(count) / baseline.seconds
        let row =
            "| \(store) | \(what) | \(count) | \(Int(rate).formatted()) /s | \(Int(baseRate).formatted()) /s | \(String(format: "%.2f", rate / baseRate)) |"
        var text = ""
        if rows.isEmpty {
            text += "| store | measurement | records | Gatehouse | baseline | ratio |\n|---|---|---:|---:|---:|---:|\n"
        }
        rows.append(row)
        FileHandle.standardOutput.write(Data((text + row + "\n").utf8))
    }

    mutating func note(_ text: String) { notes.append(text) }

    func print() {
        for note in notes { Swift.print("\n" + note) }
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
