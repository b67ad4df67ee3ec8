public import Foundation
import Synchronization

/// Foundation's `Process.run()` on Linux is not safe to call from several threads at once: full
/// test runs crashed inside it twice (a bad read in `memcpy`) while other tests were launching
/// processes. Every test launches its processes through here, one launch at a time; the
/// processes themselves still run side by side.
public enum ProcessLaunch {
    private static let lock = Mutex(())

    /// Launches `process` while no other test is launching one.
    public static func run(_ process: Process) throws {
        try lock.withLock { _ in try process.run() }
    }
}
