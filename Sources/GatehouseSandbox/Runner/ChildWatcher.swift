import Foundation

/// Reads a child's standard output and error and then reaps it, all on one thread of its own:
/// `poll` on both pipes until end of file, then wait for the exit. One thread per child, no
/// hand-offs between threads, so the end of a sandbox is seen as soon as the kernel reports it.
enum ChildWatcher {
    /// How long the pipes may stay open after the child exited (a stray copy of a write end
    /// held by some other process) before reading stops.
    static let drainBound = Duration.seconds(2)

    /// Watches `child` until it has exited and been reaped; returns its status (the signal
    /// number when `signalled`). `exited` runs after the exit and before the reaping, so a kill
    /// racing with it never reaches a recycled pid.
    static func watch(
        _ child: ChildSpawn.Started, stdout: @escaping @Sendable (Data) -> Void,
        stderr: @escaping @Sendable (Data) -> Void, exited: @escaping @Sendable () -> Void
    ) async -> (status: Int32, signalled: Bool) {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                drain(child, stdout: stdout, stderr: stderr)
                var info = siginfo_t()
                while waitid(P_PID, id_t(child.pid), &info, WEXITED | WNOWAIT) != 0, errno == EINTR {}
                exited()
                var status: Int32 = 0
                while waitpid(child.pid, &status, 0) < 0, errno == EINTR {}
                let signal = status & 0x7f
                if signal != 0 && signal != 0x7f {
                    continuation.resume(returning: (signal, true))
                } else {
                    continuation.resume(returning: ((status >> 8) & 0xff, false))
                }
            }
        }
    }

    private static func drain(
        _ child: ChildSpawn.Started, stdout: @Sendable (Data) -> Void, stderr: @Sendable (Data) -> Void
    ) {
        var descriptors = [
            pollfd(fd: child.stdout, events: Int16(POLLIN), revents: 0),
            pollfd(fd: child.stderr, events: Int16(POLLIN), revents: 0),
        ]
        var buffer = [UInt8](repeating: 0, count: 65_536)
        var exitedAt: ContinuousClock.Instant?
        while descriptors.contains(where: { $0.fd >= 0 }) {
            let ready = poll(&descriptors, nfds_t(descriptors.count), 100)
            if ready < 0, errno == EINTR { continue }
            if ready <= 0 {
                // Nothing to read for a while: has the child exited while something else keeps
                // a pipe open?
                if let exitedAt {
                    if exitedAt.duration(to: .now) > drainBound { break }
                } else {
                    var info = siginfo_t()
                    if waitid(P_PID, id_t(child.pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0,
                        info._sifields._sigchld.si_pid != 0
                    {
                        exitedAt = .now
                    }
                }
                continue
            }
            for index in descriptors.indices where descriptors[index].fd >= 0 && descriptors[index].revents != 0 {
                let fd = descriptors[index].fd
                let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                if count > 0 {
                    (index == 0 ? stdout : stderr)(Data(buffer[0..<count]))
                } else if count == 0 || errno != EINTR && errno != EAGAIN {
                    close(fd)
                    descriptors[index].fd = -1
                }
            }
        }
        for descriptor in descriptors where descriptor.fd >= 0 { close(descriptor.fd) }
    }
}
