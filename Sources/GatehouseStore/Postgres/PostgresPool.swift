import Foundation
import PostgresNIO
import Synchronization

/// The PostgreSQL connection pool in use, replaced by a fresh one when the store has been
/// failing for a while.
///
/// PostgresNIO's pool waits longer and longer between failed connection attempts (up to a
/// minute), so after an outage the store could stay unavailable for a minute after the server
/// came back. Once calls have been failing for ``recycleAfter``, the pool is replaced, at most
/// once per that interval: a new pool connects at once if the server is back. The old one is
/// shut down and not waited for, so a pool that does not end cannot hold the store.
final class PostgresPool: Sendable {
    private struct State {
        var current: PostgresClient
        var runner: Task<Void, Never>?
        var failingSince: ContinuousClock.Instant?
        var lastRecycle: ContinuousClock.Instant
        var recycled = 0
        var stopped = false
    }

    private let state: Mutex<State>
    private let make: @Sendable () -> PostgresClient
    /// How long calls must have been failing before the pool is replaced.
    let recycleAfter: Duration
    /// How long shutting down waits for the pool in use to close.
    static let shutdownBound = Duration.seconds(10)

    init(recycleAfter: Duration, make: @escaping @Sendable () -> PostgresClient) {
        self.make = make
        self.recycleAfter = recycleAfter
        state = Mutex(State(current: make(), lastRecycle: .now))
    }

    /// The pool to use now.
    var client: PostgresClient { state.withLock { $0.current } }

    /// Whether ``run()`` has started the pool (and not yet stopped).
    var isRunning: Bool { state.withLock { $0.runner != nil && !$0.stopped } }

    /// How many times the pool was replaced (for tests and logs).
    var recycled: Int { state.withLock { $0.recycled } }

    /// Runs the pools until the calling task is cancelled, then shuts down the one in use,
    /// waiting at most ``shutdownBound`` for it.
    func run() async {
        state.withLock { state in
            guard state.runner == nil, !state.stopped else { return }
            let client = state.current
            state.runner = Task { await client.run() }
        }
        let (cancelled, ends) = AsyncStream.makeStream(of: Never.self)
        await withTaskCancellationHandler {
            for await _ in cancelled {}
        } onCancel: {
            ends.finish()
        }
        let runner = state.withLock { state in
            state.stopped = true
            return state.runner
        }
        guard let runner else { return }
        runner.cancel()
        // Waited for from a task of its own: this one is cancelled, which would end the wait at once.
        await Task {
            try? await Deadline.run(
                Self.shutdownBound, timeoutError: { CancellationError() }, perform: { await runner.value })
        }.value
    }

    /// A call succeeded: the store is not failing.
    func succeeded() {
        state.withLock { $0.failingSince = nil }
    }

    /// A call failed for want of a working connection: after ``recycleAfter`` of that, the
    /// pool is replaced. Returns whether it was replaced now.
    @discardableResult
    func failed(now: ContinuousClock.Instant = .now) -> Bool {
        let replaced = state.withLock { state -> Task<Void, Never>?? in
            // Only a running pool is replaced (the replacement is started here).
            guard !state.stopped, state.runner != nil else { return nil }
            guard let since = state.failingSince else {
                state.failingSince = now
                return nil
            }
            guard now - since >= recycleAfter, now - state.lastRecycle >= recycleAfter else { return nil }
            let fresh = make()
            let old = state.runner
            state.current = fresh
            state.runner = Task { await fresh.run() }
            state.lastRecycle = now
            state.recycled += 1
            return .some(old)
        }
        guard let replaced else { return false }
        replaced?.cancel()
        return true
    }
}
