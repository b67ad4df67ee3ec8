public import Foundation
import Synchronization

/// Foundation's `Process.run()` on Linux (Swift 6.3.1) sometimes crashes before it spawns: it
/// lists `/proc/self/fd` and copies each `readdir` entry's whole 256-byte `d_name`, reading past
/// glibc's buffer when the last entry sits at its end and the next page is unmapped
/// (swift-corelibs-foundation PR 5472). ``ChildProcess`` spawns with `posix_spawn` instead; the
/// tests that still need a `Process` (interactive pipes, a long-lived child) launch it here, one
/// launch at a time, which narrows the window without closing it.
public enum ProcessLaunch {
    private static let lock = Mutex(())

    /// Launches `process` while no other test is launching one.
    public static func run(_ process: Process) throws {
        try lock.withLock { _ in try process.run() }
    }
}
