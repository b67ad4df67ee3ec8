import Foundation
import GatehouseCore
import Synchronization

/// A child process of a backend (bwrap, QEMU): started by `ChildSpawn`, watched by
/// `ChildWatcher`, killed at the wall-time limit or when the task is cancelled, and never
/// killed after it was reaped.
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

    /// The standard input, when the child is interactive; otherwise it reads `/dev/null`.
    var input: SandboxInput? = nil
    /// Starts the child: by default a new process; a backend may hand over one it started
    /// ahead of time (a stem), which it launches here.
    var start: (@Sendable (WatchedProcess) throws(GatehouseError) -> ChildSpawn.Started)? = nil

    func run(
        stdout: @escaping @Sendable (Data) -> Void, stderr: @escaping @Sendable (Data) -> Void,
        launched: @Sendable () -> Void
    ) async throws -> Ended {
        let watch = ProcessWatch()
        let status = try await withTaskCancellationHandler {
            let child =
                try start?(self)
                ?? ChildSpawn(
                    executable: executable, arguments: arguments, environment: environment, interactive: input != nil
                ).start()
            watch.started(pid: child.pid)
            launched()
            if let descriptor = child.stdin {
                if let input { input.attach(descriptor) } else { close(descriptor) }
            }
            defer { input?.finish() }
            let limit = wallSeconds
            let timer = Task.detached {
                try? await Task.sleep(for: .seconds(limit))
                watch.kill(timedOut: true)
            }
            defer { timer.cancel() }
            return await ChildWatcher.watch(child, stdout: stdout, stderr: stderr, exited: { watch.exited() })
        } onCancel: {
            watch.kill(timedOut: false)
        }
        return Ended(
            status: status.status, signalled: status.signalled, timedOut: watch.timedOut, cancelled: Task.isCancelled)
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
