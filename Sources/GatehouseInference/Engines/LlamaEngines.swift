import Foundation
import GatehouseCore

/// Starts, shares, evicts, unloads and restarts llama.cpp server processes, one per model.
///
/// Call `run()` in the server's task group: it unloads expired engines, notices crashes and
/// restarts them, and unloads everything when cancelled. Engines also get SIGKILL when the
/// server process dies (`setpriv --pdeathsig`, spawned from one long-lived thread); where
/// `setpriv` is missing, the server must make sure `unloadAll()` runs at shutdown.
///
/// When every slot (`maxLoaded`) is held by busy or starting engines, a lease for another
/// model is refused at once with `.engineUnavailable` rather than queued.
package actor LlamaEngines {
    /// The settings the engines are started with.
    package nonisolated let settings: LlamaEngineSettings
    var records: [String: EngineRecord] = [:]
    var nextID: UInt64 = 0
    /// How many engine processes were spawned so far.
    package internal(set) var spawnCount = 0

    /// Creates a manager; nothing is started until the first lease.
    package init(settings: LlamaEngineSettings) {
        self.settings = settings
    }

    /// Leases the engine for `model`, starting it (once, however many callers wait) when needed.
    ///
    /// `keepAlive` (default from settings) applies after the last release: 0 unloads at once,
    /// negative never unloads. Throws `.insufficientMemory`, or `.engineUnavailable` when the
    /// engine fails to start, is in crash backoff, or all slots are busy.
    package func lease(_ model: LocalModelRef, keepAlive: Duration? = nil) async throws -> EngineLease {
        let keep = keepAlive ?? settings.keepAlive
        while true {
            try Task.checkCancellation()
            noticeExit(model.name)
            guard let record = records[model.name] else {
                try admit(model)
                records[model.name] = EngineRecord(
                    id: makeID(), model: model, lifecycle: EngineLifecycle(backoff: settings.backoff), keepAlive: keep)
                beginStart(model.name)
                continue
            }
            if record.model.digest != model.digest {
                await unload(model.name)
                continue
            }
            switch record.lifecycle.state {
            case .ready:
                let leaseID = makeID()
                records[model.name]?.leases.insert(leaseID)
                records[model.name]?.lastUsed = .now
                records[model.name]?.keepAlive = keep
                return EngineLease(
                    model: model.name, baseURL: URL(string: "http://127.0.0.1:\(record.port ?? 0)/v1")!,
                    port: record.port ?? 0, recordID: record.id, leaseID: leaseID, engines: self)
            case .starting:
                try await record.startTask?.value
            case .crashed(let retryAt):
                let wait = retryAt - .now
                if wait > .zero {
                    throw GatehouseError(
                        .engineUnavailable,
                        "engine for '\(model.name)' failed (\(record.lastFailure ?? "unknown")); "
                            + "next restart attempt in \(Self.seconds(wait)) s")
                }
                try admit(model)
                try records[model.name]?.lifecycle.handle(.restart(at: .now))
                records[model.name]?.model = model
                beginStart(model.name)
            case .stopping:
                try await Task.sleep(for: .milliseconds(20))
            case .stopped:
                records[model.name] = nil
            }
        }
    }

    /// Ends a lease: the engine counts as idle again once no lease is in flight.
    func release(_ lease: EngineLease) async {
        guard records[lease.model]?.id == lease.recordID,
            records[lease.model]?.leases.remove(lease.leaseID) != nil, let record = records[lease.model]
        else { return }
        records[lease.model]?.lastUsed = .now
        if record.leases.isEmpty && record.keepAlive == .zero {
            await unload(lease.model)
        }
    }

    /// The engines holding a process (starting, ready or stopping), by name.
    package func loaded() -> [LoadedEngine] {
        let now = ContinuousClock.now
        return records.values.filter { $0.lifecycle.holdsProcess }.map { $0.listing(now: now) }
            .sorted { $0.name < $1.name }
    }

    func makeID() -> UInt64 {
        nextID += 1
        return nextID
    }

    static func seconds(_ duration: Duration) -> String {
        String(format: "%.1f", TimeInterval(seconds: duration))
    }
}
