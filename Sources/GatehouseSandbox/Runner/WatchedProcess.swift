import Foundation
import GatehouseCore
import Synchronization

/// A child process of a backend (bwrap, QEMU): its output read on threads of its own, killed at
/// the wall-time limit or when the task is cancelled, and never killed after it was reaped.
struct WatchedProcess {
    let executable: String
    let arguments: [String]
    let environment: [String: String]
    let wallSeconds: Int

    /// How it ended.
    struct Ended {
        let status: Int32
        let signalled: Bool
        let timedOut: Bool
        let cancelled: Bool
    }

    func run(
        stdout: @escaping @Sendable (Data) -> Void, stderr: @escaping @Sendable (Data) -> Void,
        launched: @Sendable () -> Void
    ) async throws -> Ended {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        let outPipe = Pipe()
        let errPipe = Pipe()
        // Other processes started at the same moment must not inherit these pipes: a copy of a
        // write end in a long-lived process would keep end of file from coming.
        for pipe in [outPipe, errPipe] {
            _ = fcntl(pipe.fileHandleForReading.fileDescriptor, F_SETFD, FD_CLOEXEC)
            _ = fcntl(pipe.fileHandleForWriting.fileDescriptor, F_SETFD, FD_CLOEXEC)
        }
        process.standardOutput = outPipe
        process.standardError = errPipe
        let drained = DrainCounter()
        PipeReader.start(outPipe.fileHandleForReading, chunk: stdout, end: { drained.finish() })
        PipeReader.start(errPipe.fileHandleForReading, chunk: stderr, end: { drained.finish() })
        let watch = ProcessWatch()
        let name = (executable as NSString).lastPathComponent
        let status: (Int32, Process.TerminationReason) = try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                process.terminationHandler = { process in
                    watch.exited()
                    continuation.resume(returning: (process.terminationStatus, process.terminationReason))
                }
                do {
                    try process.run()
                } catch {
                    process.terminationHandler = nil
                    continuation.resume(throwing: GatehouseError(.sandboxUnavailable, "cannot start \(name): \(error)"))
                    return
                }
                launched()
                watch.started(pid: process.processIdentifier)
                let limit = wallSeconds
                Task.detached {
                    try? await Task.sleep(for: .seconds(limit))
                    watch.kill(timedOut: true)
                }
            }
        } onCancel: {
            watch.kill(timedOut: false)
        }
        // What the child left is already in the pipes; if a stray copy of a write end exists
        // elsewhere, stop waiting after a bound.
        await drained.wait(for: 2, atMost: .seconds(5))
        return Ended(
            status: status.0, signalled: status.1 == .uncaughtSignal, timedOut: watch.timedOut,
            cancelled: Task.isCancelled)
    }
}

/// Counts pipes that reached end of file, so no output is lost after the process exits.
final class DrainCounter: Sendable {
    private let state = Mutex<(count: Int, waiters: [(target: Int, continuation: CheckedContinuation<Void, Never>)])>(
        (0, []))

    /// One more pipe is done.
    func finish() {
        release { $0.count += 1 }
    }

    /// Waits until `target` pipes are done, or `limit` has passed.
    func wait(for target: Int, atMost limit: Duration) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.wait(for: target) }
            group.addTask { try? await Task.sleep(for: limit) }
            await group.next()
            group.cancelAll()
            // Whichever came first, no waiter is left behind.
            self.release { $0.count = max($0.count, 1 << 40) }
        }
    }

    private func wait(for target: Int) async {
        await withCheckedContinuation { continuation in
            let done = state.withLock { state -> Bool in
                if state.count >= target { return true }
                state.waiters.append((target, continuation))
                return false
            }
            if done { continuation.resume() }
        }
    }

    private func release(
        _ change: (inout (count: Int, waiters: [(target: Int, continuation: CheckedContinuation<Void, Never>)])) -> Void
    ) {
        let ready = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            change(&state)
            let count = state.count
            let ready = state.waiters.filter { $0.target <= count }.map(\.continuation)
            state.waiters.removeAll { $0.target <= count }
            return ready
        }
        for waiter in ready { waiter.resume() }
    }
}

/// The sandbox's process, for the timer and cancellation: killed at most while it runs, never
/// after it was reaped (its pid could belong to another process by then).
final class ProcessWatch: Sendable {
    private let state = Mutex<(pid: pid_t?, running: Bool, timedOut: Bool, cancelled: Bool)>((nil, false, false, false))

    /// A cancellation that came before the start kills at once.
    func started(pid: pid_t) {
        state.withLock { state in
            state.pid = pid
            state.running = true
            if state.cancelled { _ = Foundation.kill(pid, SIGKILL) }
        }
    }

    func exited() { state.withLock { $0.running = false } }

    func kill(timedOut: Bool) {
        state.withLock { state in
            if !timedOut { state.cancelled = true }
            guard state.running, let pid = state.pid else { return }
            if timedOut { state.timedOut = true }
            _ = Foundation.kill(pid, SIGKILL)
        }
    }

    var timedOut: Bool { state.withLock { $0.timedOut } }
}
