public import GatehouseStore
public import Logging
import ServiceLifecycle
import Synchronization

/// Writes usage records to the store in batches, off the request path: a request's record is
/// queued when it finishes and written within a second, in one transaction with its neighbours.
/// At graceful shutdown what is queued is written before the store closes. A failed write is
/// logged and retried with the next batch; records are held at most `maxQueued` deep (the oldest
/// are dropped past it, and said so), so a store outage cannot exhaust memory.
public final class UsageWriter: Sendable {
    /// The most records held while the store does not answer.
    public static let maxQueued = 100_000

    private let store: any GatehouseStore
    private let logger: Logger
    private let queue = Mutex<[UsageRecord]>([])
    private let interval: Duration

    /// A writer into `store`, flushing every `interval`.
    public init(store: any GatehouseStore, logger: Logger, interval: Duration = .seconds(1)) {
        self.store = store
        self.logger = logger
        self.interval = interval
    }

    /// Queues one finished request's record.
    public func append(_ record: UsageRecord) {
        let dropped = queue.withLock { queued -> Int in
            queued.append(record)
            let over = queued.count - Self.maxQueued
            if over > 0 { queued.removeFirst(over) }
            return max(over, 0)
        }
        if dropped > 0 {
            logger.error("usage records dropped: the store has not taken them", metadata: ["count": "\(dropped)"])
        }
    }

    /// Writes what is queued now; returns how many were written.
    @discardableResult
    public func flush() async -> Int {
        let batch = queue.withLock { queued -> [UsageRecord] in
            defer { queued.removeAll(keepingCapacity: true) }
            return queued
        }
        guard !batch.isEmpty else { return 0 }
        do {
            try await store.appendUsage(batch)
            return batch.count
        } catch {
            logger.error("usage records not written yet; retrying", metadata: ["error": "\(error)"])
            queue.withLock { $0.insert(contentsOf: batch, at: 0) }
            return 0
        }
    }

    /// Flushes every `interval` until graceful shutdown, then once more.
    public func run() async {
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                try await Task.sleep(for: self.interval)
                await self.flush()
            }
        }
        await flush()
    }
}
