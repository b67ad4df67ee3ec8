import Foundation

/// The manager's bookkeeping for one model's engine (only touched inside `LlamaEngines`).
struct EngineRecord {
    /// Distinguishes this record from a later one for the same model.
    let id: UInt64
    var model: LocalModelRef
    var lifecycle: EngineLifecycle
    var process: EngineProcess? = nil
    var port: Int? = nil
    /// The one start all concurrent leases await; set while starting.
    var startTask: Task<Void, any Error>? = nil
    /// Ids of leases in flight.
    var leases: Set<UInt64> = []
    var lastUsed: ContinuousClock.Instant = .now
    /// Negative means never unload; zero means unload when the last lease is released.
    var keepAlive: Duration
    var since = Date()
    /// Why the engine last failed, for messages during backoff.
    var lastFailure: String? = nil

    /// Ready with no lease in flight: may be evicted or expire.
    var isIdle: Bool {
        if case .ready = lifecycle.state { return leases.isEmpty }
        return false
    }

    /// When an idle engine expires (`nil` = never).
    var expiresAt: ContinuousClock.Instant? {
        keepAlive < .zero ? nil : lastUsed + keepAlive
    }

    /// The `ps` row for this record.
    func listing(now: ContinuousClock.Instant) -> LoadedEngine {
        let status: String
        switch lifecycle.state {
        case .starting: status = "starting"
        case .ready: status = "ready"
        case .stopping: status = "stopping"
        case .crashed: status = "crashed"
        case .stopped: status = "stopped"
        }
        let expiry = leases.isEmpty ? expiresAt.map { Date() + TimeInterval(seconds: $0 - now) } : nil
        return LoadedEngine(
            name: model.name, digest: model.digest, port: port, pid: process?.pid, status: status, since: since,
            expiresAt: expiry, inFlight: leases.count, estimatedBytes: model.estimatedBytes)
    }
}

extension TimeInterval {
    /// A `Duration` in seconds.
    init(seconds duration: Duration) {
        let parts = duration.components
        self = Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}
