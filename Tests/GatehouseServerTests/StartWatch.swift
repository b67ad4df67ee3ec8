import GatehouseCore
import Synchronization

/// Whether a test server's start-up failed, and the first of "the test ended" and "the server
/// did not start" (see ``ServerHarness/withServer(config:adminToken:environment:_:)``).
final class StartWatch: Sendable {
    private struct State {
        var failure: (any Error)?
        var waiter: CheckedContinuation<Void, any Error>?
        var done = false
    }

    private let state = Mutex(State())

    /// The server's start-up failed with `error`.
    func failed(_ error: any Error) {
        finish(.failure(GatehouseError(.internal, "the test server did not start: \(error)")), remember: error)
    }

    /// Waits for `run` to end (its result), or for the start-up to fail (its error), whichever
    /// comes first.
    func race(_ run: Task<Void, any Error>) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let early = state.withLock { state -> (any Error)? in
                if let failure = state.failure {
                    state.done = true
                    return failure
                }
                state.waiter = continuation
                return nil
            }
            if let early {
                continuation.resume(throwing: GatehouseError(.internal, "the test server did not start: \(early)"))
                return
            }
            Task {
                do {
                    try await run.value
                    self.finish(.success(()), remember: nil)
                } catch {
                    self.finish(.failure(error), remember: nil)
                }
            }
        }
    }

    private func finish(_ result: Result<Void, any Error>, remember error: (any Error)?) {
        let waiter = state.withLock { state -> CheckedContinuation<Void, any Error>? in
            if let error, state.failure == nil { state.failure = error }
            guard !state.done, let waiter = state.waiter else { return nil }
            state.done = true
            state.waiter = nil
            return waiter
        }
        waiter?.resume(with: result)
    }
}
