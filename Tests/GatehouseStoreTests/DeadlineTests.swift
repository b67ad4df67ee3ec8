import Synchronization
import Testing

@testable import GatehouseStore

/// The store's deadline holds even when the work ignores cancellation (a driver call on a dead
/// connection): the caller gets the timeout, not a hang.
@Suite struct DeadlineTests {
    struct TimedOut: Error {}

    /// Work that ignores cancellation: it ends only when `release` is called.
    final class Stuck: Sendable {
        private let waiting = Mutex<CheckedContinuation<Void, Never>?>(nil)
        private let released = Mutex(false)

        func wait() async {
            await withCheckedContinuation { continuation in
                let now = released.withLock { $0 }
                if now { continuation.resume() } else { waiting.withLock { $0 = continuation } }
            }
        }

        func release() {
            released.withLock { $0 = true }
            waiting.withLock { $0 }?.resume()
        }
    }

    @Test func theResultComesBackBeforeTheDeadline() async throws {
        let value = try await Deadline.run(.seconds(30), timeoutError: { TimedOut() }, perform: { 42 })
        #expect(value == 42)
        await #expect(throws: TimedOut.self) {
            try await Deadline.run(
                .seconds(30), timeoutError: { CancellationError() },
                perform: { () async throws -> Int in throw TimedOut() })
        }
    }

    @Test func workThatIgnoresCancellationStillTimesOut() async throws {
        let stuck = Stuck()
        await #expect(throws: TimedOut.self) {
            try await Deadline.run(
                .milliseconds(50), timeoutError: { TimedOut() },
                perform: { () async throws -> Int in
                    await stuck.wait()
                    return 1
                })
        }
        stuck.release()
    }

    @Test func cancellingTheCallerEndsTheWaitAtOnce() async throws {
        let stuck = Stuck()
        let caller = Task {
            try await Deadline.run(
                .seconds(3_600), timeoutError: { TimedOut() },
                perform: { () async throws -> Int in
                    await stuck.wait()
                    return 1
                })
        }
        caller.cancel()
        await #expect(throws: CancellationError.self) { try await caller.value }
        stuck.release()
    }
}
