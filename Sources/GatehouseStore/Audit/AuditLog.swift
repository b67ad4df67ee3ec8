public import GatehouseCore
public import Logging
import Metrics
public import ServiceLifecycle
import Synchronization

/// The audit trail's single writer: appends are batched (group commit) and each caller
/// resumes only after its record is committed, so a request's record is durable before its
/// response is sent.
///
/// On graceful shutdown it stops accepting, drains what is queued, then returns.
public final class AuditLog: Service, Sendable {
    private struct Pending: Sendable {
        var events: [AuditEvent]
        var continuation: CheckedContinuation<[AuditRecord], any Error>
    }

    private struct State: Sendable {
        var pending: [Pending] = []
        var queued = 0
        var closed = false
    }

    private let store: any GatehouseStore
    private let sealer: AuditSealer
    private let batchMax: Int
    private let dataDir: String?
    private let logger: Logger
    private let state = Mutex(State())
    private let signal: AsyncStream<Void>
    private let wake: AsyncStream<Void>.Continuation
    private let appended = Counter(label: "gatehouse_audit_appends_total")
    private let batches = Counter(label: "gatehouse_audit_batches_total")
    private let failures = Counter(label: "gatehouse_audit_append_failures_total")
    private let depth = Gauge(label: "gatehouse_audit_queue_depth")

    /// Creates the writer. When `dataDir` is set, the newest checkpoint is mirrored there.
    public init(
        store: any GatehouseStore, sealer: AuditSealer, batchMax: Int, dataDir: String?,
        logger: Logger
    ) {
        self.store = store
        self.sealer = sealer
        self.batchMax = max(1, batchMax)
        self.dataDir = dataDir
        self.logger = logger
        (signal, wake) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(1))
    }

    /// Appends one event; returns once it is committed.
    @discardableResult
    public func append(_ event: AuditEvent) async throws -> AuditRecord {
        try await append(contentsOf: [event])[0]
    }

    /// Appends events in order, contiguously; returns once all are committed.
    @discardableResult
    public func append(contentsOf events: [AuditEvent]) async throws -> [AuditRecord] {
        guard !events.isEmpty else { return [] }
        let events = events.map { $0.sanitized() }
        return try await withCheckedThrowingContinuation { continuation in
            let refusal = state.withLock { state -> GatehouseError? in
                guard !state.closed else {
                    return GatehouseError(.unavailable, "the audit trail is shutting down")
                }
                guard state.queued + events.count <= Self.maxQueued else {
                    return GatehouseError(.storeUnavailable, "the audit trail is falling behind; try again")
                }
                state.pending.append(Pending(events: events, continuation: continuation))
                state.queued += events.count
                return nil
            }
            if let refusal {
                continuation.resume(throwing: refusal)
                return
            }
            wake.yield()
        }
    }

    /// The most events that may wait; beyond it appends fail at once instead of piling up
    /// while the store is slow or gone.
    public static let maxQueued = 100_000

    /// Events waiting to be written.
    public var queueDepth: Int { state.withLock { $0.queued } }

    /// Writes batches until graceful shutdown, then drains the queue.
    public func run() async throws {
        await withGracefulShutdownHandler {
            for await _ in signal { await drain() }
        } onGracefulShutdown: {
            self.state.withLock { $0.closed = true }
            self.wake.finish()
        }
        state.withLock { $0.closed = true }
        await drain()
    }

    private func drain() async {
        while true {
            let batch = state.withLock { state -> [Pending] in
                var count = 0
                var end = 0
                while end < state.pending.count, count < batchMax {
                    count += state.pending[end].events.count
                    end += 1
                }
                let taken = Array(state.pending[0..<end])
                state.pending.removeFirst(end)
                state.queued -= count
                return taken
            }
            depth.record(queueDepth)
            guard !batch.isEmpty else { return }
            await write(batch)
        }
    }

    private func write(_ batch: [Pending]) async {
        do {
            let result = try await store.appendAudit(batch.flatMap(\.events), sealer: sealer)
            appended.increment(by: result.records.count)
            batches.increment()
            var offset = 0
            for item in batch {
                let records = Array(result.records[offset..<offset + item.events.count])
                offset += item.events.count
                item.continuation.resume(returning: records)
            }
            if let dataDir, let checkpoint = result.checkpoints.last {
                do {
                    try CheckpointFile.write(checkpoint, dataDir: dataDir)
                } catch {
                    logger.error("cannot mirror the audit checkpoint", metadata: ["error": "\(error)"])
                }
            }
        } catch {
            failures.increment()
            logger.error(
                "audit append failed; nothing of the batch was written",
                metadata: ["records": "\(batch.reduce(0) { $0 + $1.events.count })", "error": "\(error)"])
            let failure =
                (error as? GatehouseError)
                ?? GatehouseError(.storeUnavailable, "the audit trail could not be written")
            for item in batch { item.continuation.resume(throwing: failure) }
        }
    }
}
