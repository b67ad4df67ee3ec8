import Foundation
import GatehouseCore

/// Starts a child process with `posix_spawn`: an exact environment, standard output and error
/// on pipes, standard input from `/dev/null` or a pipe, default signal dispositions, and no
/// other descriptor of Gatehouse's (database, listeners, other sandboxes' pipes) inherited.
///
/// Foundation's `Process` is not used: it cost several milliseconds per start (its run loop
/// and termination monitoring), which is most of a namespace sandbox's start-up budget.
struct ChildSpawn {
    let executable: String
    let arguments: [String]
    let environment: [String: String]
    /// Whether the child reads its standard input from a pipe (else `/dev/null`).
    let interactive: Bool
    /// A descriptor the child gets as its descriptor 3 (a stem's control socket).
    var control: Int32? = nil

    /// A started child: its pid and the parent's ends of its pipes.
    struct Started {
        let pid: pid_t
        let stdout: Int32
        let stderr: Int32
        /// The write end of the child's standard input, when interactive.
        let stdin: Int32?
    }

    func start() throws(GatehouseError) -> Started {
        let name = (executable as NSString).lastPathComponent
        func failure(_ what: String, _ code: Int32) -> GatehouseError {
            GatehouseError(.sandboxUnavailable, "cannot start \(name): \(what): \(String(cString: strerror(code)))")
        }
        let out = try Self.pipe(name)
        let err = try Self.pipe(name)
        let input = interactive ? try Self.pipe(name) : nil
        var parentEnds = [out.read, err.read] + (input.map { [$0.write] } ?? [])
        let childEnds = [out.write, err.write] + (input.map { [$0.read] } ?? [])
        defer { for fd in childEnds { close(fd) } }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if let input {
            posix_spawn_file_actions_adddup2(&actions, input.read, 0)
        } else {
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        }
        posix_spawn_file_actions_adddup2(&actions, out.write, 1)
        posix_spawn_file_actions_adddup2(&actions, err.write, 2)
        if let control { posix_spawn_file_actions_adddup2(&actions, control, 3) }
        SpawnDescriptors.closeInherited(&actions, from: control == nil ? 3 : 4)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        SpawnDescriptors.resetSignals(&attributes)

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in argv + envp { free(pointer) } }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard status == 0 else {
            for fd in parentEnds { close(fd) }
            parentEnds = []
            throw failure("posix_spawn", status)
        }
        return Started(pid: pid, stdout: out.read, stderr: err.read, stdin: input?.write)
    }

    /// A pipe whose both ends are closed on exec (the child gets its copies by dup2).
    private static func pipe(_ name: String) throws(GatehouseError) -> (read: Int32, write: Int32) {
        var fds: [Int32] = [0, 0]
        guard Glibc.pipe(&fds) == 0 else {
            throw GatehouseError(
                .sandboxUnavailable, "cannot start \(name): no pipe: \(String(cString: strerror(errno)))")
        }
        _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
        return (fds[0], fds[1])
    }
}
