import Foundation
import GatehouseCore
import GatehouseRegistry
import GatehouseScan
import GatehouseStore
import Logging
import NIOPosix
import ServiceLifecycle
import Synchronization

/// The vulnerability data in force: every OSV record in the store, indexed, with the
/// configuration's VEX documents. Loaded in the background at start and reloaded when an import
/// grows the store's generation or the VEX list changes — checked every `interval`, and before
/// every report or policy verdict (one tiny query), so every replica follows
/// `gatehouse vulndb import` at once. Until the first load, matching sees no records and
/// reports say so (generation 0).
final class VulnDatabase: Service, Sendable {
    struct Snapshot: Sendable {
        let matcher: VulnMatcher
        let status: VulnDBStatus
        let vex: [String]
    }

    let store: any GatehouseStore
    let config: ConfigHolder
    let logger: Logger
    let interval: Duration
    private let current: Mutex<Snapshot>
    /// One reload at a time (concurrent callers share it).
    private let reloading = Inflight<Int, Bool>()

    init(store: any GatehouseStore, config: ConfigHolder, logger: Logger, interval: Duration = .seconds(30)) {
        self.store = store
        self.config = config
        self.logger = logger
        self.interval = interval
        current = Mutex(
            Snapshot(
                matcher: VulnMatcher(records: []),
                status: VulnDBStatus(
                    records: 0, ecosystems: [:], generation: 0, lastImportMicros: nil, lastSource: nil),
                vex: []))
    }

    /// The data in force.
    var snapshot: Snapshot { current.withLock { $0 } }

    func run() async throws {
        // Graceful shutdown cancels the loop (and a load under way).
        try await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    _ = try await self.fresh()
                } catch {
                    if !Task.isCancelled {
                        self.logger.warning(
                            "vulnerability data could not be loaded", metadata: ["error": "\(error)"])
                    }
                }
                try? await Task.sleep(for: self.interval)
            }
        }
    }

    /// The data in force after a check that the store has nothing newer.
    func fresh() async throws -> Snapshot {
        let generation = try await store.vulnGeneration()
        let old = snapshot
        if generation != old.status.generation || config.loaded.config.scan.vex != old.vex {
            _ = try await reloading.run(0) { try await self.refresh() }
        }
        return snapshot
    }

    /// Reloads when the store's generation or the VEX list changed; returns whether it did.
    /// Called through `reloading` only, so loads never overlap.
    private func refresh() async throws -> Bool {
        let status = try await store.vulnStatus()
        let vexPaths = config.loaded.config.scan.vex
        let old = snapshot
        guard status.generation != old.status.generation || vexPaths != old.vex else { return false }
        let started = ContinuousClock.now
        var records: [OSVRecord] = []
        try await store.forEachVulnRecordPage { page in
            records += try await NIOThreadPool.singleton.runIfActive { OSVRecord.parsing(page.map(\.document)) }
        }
        var documents: [VEXDocument] = []
        for path in vexPaths {
            guard let data = FileManager.default.contents(atPath: path) else {
                logger.warning("a VEX document cannot be read", metadata: ["path": "\(path)"])
                continue
            }
            do {
                documents.append(try VEXDocument(json: data))
            } catch {
                logger.warning(
                    "a VEX document is not valid", metadata: ["path": "\(path)", "error": "\(error.message)"])
            }
        }
        let matcher = try await NIOThreadPool.singleton.runIfActive { [records, documents] in
            VulnMatcher(records: records, vex: documents)
        }
        current.withLock { snapshot in
            // Never back to older data (a load that raced a newer one).
            if status.generation >= snapshot.status.generation {
                snapshot = Snapshot(matcher: matcher, status: status, vex: vexPaths)
            }
        }
        logger.info(
            "vulnerability data loaded",
            metadata: [
                "records": "\(records.count)", "generation": "\(status.generation)",
                "seconds": "\((ContinuousClock.now - started).components.seconds)",
            ])
        return true
    }

    /// The report of `result` with the newest data.
    func report(_ result: ScanResult) async throws -> ScanReport {
        let snapshot = try await fresh()
        return ScanReport(
            result: result, findings: snapshot.matcher.findings(for: result),
            vulnGeneration: snapshot.status.generation,
            vulnImported: snapshot.status.lastImportMicros.map {
                ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: Double($0) / 1e6))
            })
    }
}
