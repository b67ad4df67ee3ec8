import Synchronization

/// Runs work with a deadline that holds even when the work ignores cancellation.
///
/// A task group's timeout child cancels the work but then waits for it to finish; a driver
/// call stuck on a dead connection (a PostgreSQL that went away mid-query) may never finish,
/// and the caller would hang with it. Here the work runs in a task of its own: at the deadline
/// the caller gets the timeout error at once, and the work is cancelled and left to end by
/// itself.
package enum Deadline {
    /// `body`'s result, or `timeoutError()` once `timeout` has passed, whichever comes first.
    /// Cancelling the caller cancels `body` and throws `CancellationError` at once.
    package static func run<T: Sendable>(
        _ timeout: Duration, timeoutError: @escaping @Sendable () -> any Error,
        perform body: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        let race = Race<T>()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                race.begin(continuation)
                let work = Task {
                    do { race.finish(.success(try await body())) } catch { race.finish(.failure(error)) }
                }
                let timer = Task {
                    do { try await Task.sleep(for: timeout) } catch { return }
                    race.finish(.failure(timeoutError()))
                }
                race.attach([work, timer])
            }
        } onCancel: {
            race.finish(.failure(CancellationError()))
        }
    }

    /// One run's continuation, resumed exactly once by whichever of the work, the timer and
    /// the caller's cancellation ends first; the others are cancelled.
    private final class Race<T: Sendable>: Sendable {
        private struct State {
            var continuation: CheckedContinuation<T, any Error>?
            var early: Result<T, any Error>?
            var tasks: [Task<Void, Never>] = []
            var done = false
        }

        private let state = Mutex(State())

        func begin(_ continuation: CheckedContinuation<T, any Error>) {
            let early = state.withLock { state in
                if state.early == nil { state.continuation = continuation }
                return state.early
            }
            if let early { continuation.resume(with: early) }
        }

        func attach(_ tasks: [Task<Void, Never>]) {
            let late = state.withLock { state in
                if !state.done { state.tasks = tasks }
                return state.done
            }
            if late { tasks.forEach { $0.cancel() } }
        }

        func finish(_ result: Result<T, any Error>) {
            let taken = state.withLock { state -> (CheckedContinuation<T, any Error>?, [Task<Void, Never>])? in
                guard !state.done else { return nil }
                state.done = true
                defer { (state.continuation, state.tasks) = (nil, []) }
                if state.continuation == nil { state.early = result }
                return (state.continuation, state.tasks)
            }
            guard let (continuation, tasks) = taken else { return }
            tasks.forEach { $0.cancel() }
            continuation?.resume(with: result)
        }
    }
}
