import Foundation
import Glibc
import Synchronization

/// One spawned engine process: its pid, log file and private home; reaped exactly once.
package final class EngineProcess: Sendable {
    /// The child's pid (valid until `exitStatus()` returns non-nil).
    package let pid: Int32
    /// The file that receives the child's stdout and stderr.
    package let logPath: String
    /// The private `HOME` directory, removed after the child is reaped.
    let home: String
    private let status = Mutex<Int32?>(nil)

    init(pid: pid_t, logPath: String, home: String) {
        self.pid = pid
        self.logPath = logPath
        self.home = home
    }

    /// The raw wait status once the child has exited (reaping it), else `nil`. Never blocks.
    package func exitStatus() -> Int32? {
        status.withLock { cached in
            if let cached { return cached }
            var raw: Int32 = 0
            let result = waitpid(pid, &raw, WNOHANG)
            if result == pid {
                cached = raw
            } else if result == -1 && errno == ECHILD {
                cached = -1
            }
            return cached
        }
    }

    /// Whether the child still runs.
    package var isRunning: Bool { exitStatus() == nil }

    /// SIGTERM, then SIGKILL after `grace`; returns once the child is reaped. Ignores cancellation.
    package func terminate(grace: Duration) async {
        defer { try? FileManager.default.removeItem(atPath: home) }
        guard isRunning else { return }
        kill(pid, SIGTERM)
        let deadline = ContinuousClock.now + grace
        while isRunning && ContinuousClock.now < deadline {
            await uncancellableSleep(.milliseconds(20))
        }
        guard isRunning else { return }
        kill(pid, SIGKILL)
        while isRunning { await uncancellableSleep(.milliseconds(10)) }
    }

    /// A human description of a wait status: `exit status 1` or `signal 9`.
    package static func describe(_ raw: Int32) -> String {
        if raw < 0 { return "unknown exit status" }
        let signal = raw & 0x7f
        return signal == 0 ? "exit status \((raw >> 8) & 0xff)" : "signal \(signal)"
    }
}
