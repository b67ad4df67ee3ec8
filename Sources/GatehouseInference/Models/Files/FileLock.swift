import Foundation
package import GatehouseCore

#if canImport(Glibc)
    import Glibc
#endif

/// An advisory, exclusive `flock` on a lock file, shared by every process that opens the same
/// store (the CLI and the server). Each acquisition opens its own descriptor, so threads of one
/// process exclude each other too.
package struct FileLock: Sendable {
    /// The lock file (created when missing; its content is never used).
    package let path: String
    /// How long to wait for another holder before giving up.
    package var timeout: Duration

    /// A lock on `path`, waiting at most `timeout`.
    package init(path: String, timeout: Duration = .seconds(30)) {
        self.path = path
        self.timeout = timeout
    }

    /// Runs `body` while holding the lock.
    /// - Throws: `.storeUnavailable` when the lock cannot be had within `timeout`, or `body`'s error.
    package func withLock<T>(_ body: () throws(GatehouseError) -> T) throws(GatehouseError) -> T {
        let descriptor = try FileIO.open(path, O_RDWR | O_CREAT, mode: 0o644, what: "open the lock file")
        defer { _ = close(descriptor) }  // closing releases the lock
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR else { throw FileIO.failure("cannot lock", path) }
            guard clock.now < deadline else {
                throw GatehouseError(.storeUnavailable, "another process holds the lock \(path) for too long")
            }
            usleep(10_000)
        }
        return try body()
    }
}
