import Foundation
import GatehouseCore
import Synchronization

/// Starts bubblewrap through a tiny shell that first joins the sandbox's control groups and
/// sets the CPU-time limit (so nothing runs outside the limits, not even for a moment), streams
/// its output, and kills it at the wall-time limit or on cancellation. Killing bwrap kills the
/// sandbox's pid namespace, and with it every process inside.
struct BwrapProcess {
    let bwrap: String
    let arguments: [String]
    let seccompFile: String
    let cgroupProcs: [String]
    let cpuSeconds: Int?
    let wallSeconds: Int

    static let wrapper = """
        umask 022
        for f in $GH_CGROUP_PROCS; do echo $$ > "$f" || exit 125; done
        if [ -n "$GH_CPU_SECONDS" ]; then ulimit -t "$GH_CPU_SECONDS" || exit 125; fi
        exec "$@" 3< "$GH_SECCOMP"
        """

    struct Outcome {
        let reason: SandboxLifecycle.StopReason
        let startMicros: Int64
    }

    func run(output: @escaping @Sendable (SandboxOutput) -> Void, launched: @Sendable () -> Void) async throws
        -> Outcome
    {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", Self.wrapper, "gatehouse-sandbox", bwrap] + arguments
        var environment = [
            "PATH": "/usr/bin:/bin", "GH_SECCOMP": seccompFile, "GH_CGROUP_PROCS": cgroupProcs.joined(separator: " "),
        ]
        if let cpuSeconds { environment["GH_CPU_SECONDS"] = String(cpuSeconds) }
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        let stdout = Pipe()
        let stderr = Pipe()
        // Other processes this one starts at the same moment must not inherit these pipes: a
        // copy of a write end in a long-lived process would keep end of file from coming.
        for pipe in [stdout, stderr] {
            _ = fcntl(pipe.fileHandleForReading.fileDescriptor, F_SETFD, FD_CLOEXEC)
            _ = fcntl(pipe.fileHandleForWriting.fileDescriptor, F_SETFD, FD_CLOEXEC)
        }
        process.standardOutput = stdout
        process.standardError = stderr
        let drained = DrainCounter()
        for (pipe, wrap) in [(stdout, SandboxOutput.stdout), (stderr, SandboxOutput.stderr)] {
            PipeReader.start(pipe.fileHandleForReading, chunk: { output(wrap($0)) }, end: { drained.finish() })
        }
        let watch = ProcessWatch()
        let started = ContinuousClock.now
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
                    continuation.resume(throwing: GatehouseError(.sandboxUnavailable, "cannot start bwrap: \(error)"))
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
        // Everything in the sandbox died with it, so what is left is already in the pipes; if a
        // stray copy of a write end still exists elsewhere, stop waiting after a bound.
        await drained.wait(for: 2, atMost: .seconds(5))
        let startMicros = started.duration(to: .now).micros
        if watch.timedOut { return Outcome(reason: .timedOut, startMicros: startMicros) }
        if Task.isCancelled { return Outcome(reason: .removed, startMicros: startMicros) }
        // bwrap reports a command killed by a signal as 128 + the signal, as a shell does.
        if status.1 == .uncaughtSignal { return Outcome(reason: .signalled(status.0), startMicros: startMicros) }
        return Outcome(reason: .exited(status.0), startMicros: startMicros)
    }
}

/// Waits until both output pipes reached end of file, so no output is lost after exit.
final class DrainCounter: Sendable {
    private let state = Mutex<(count: Int, waiters: [CheckedContinuation<Void, Never>], target: Int)>((0, [], 2))

    func finish() {
        let ready = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.count += 1
            guard state.count >= state.target else { return [] }
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in ready { waiter.resume() }
    }

    func wait(for target: Int, atMost limit: Duration) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.wait(for: target) }
            group.addTask { try? await Task.sleep(for: limit) }
            await group.next()
            group.cancelAll()
            self.finish()
            self.finish()
        }
    }

    private func wait(for target: Int) async {
        await withCheckedContinuation { continuation in
            let done = state.withLock { state -> Bool in
                if state.count >= target { return true }
                state.waiters.append(continuation)
                return false
            }
            if done { continuation.resume() }
        }
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
