public import Foundation
import GatehouseCore

#if canImport(Glibc)
    import Glibc
#endif

/// Runs a peer tool (skopeo, umoci, the MCP client, …) for a test without blocking a thread of
/// the cooperative pool: spawned with `posix_spawn` (Foundation's `Process.run()` can crash, see
/// ``ProcessLaunch``), output to a temporary file, the exit awaited on a thread of its own.
public enum ChildProcess {
    /// Runs `executable` with `arguments`; returns the exit status (128 + N for a signal) and
    /// the combined output. `environment` is added to this process's own (a token for a
    /// client, never on its command line).
    public static func run(
        _ executable: String, _ arguments: [String], environment: [String: String] = [:]
    ) async throws -> (Int32, String) {
        let log = NSTemporaryDirectory() + "gatehouse-child-" + UUID().uuidString + ".log"
        defer { try? FileManager.default.removeItem(atPath: log) }
        let pid = try spawn(executable, arguments, environment: environment, output: log)
        let status = await withCheckedContinuation { (continuation: CheckedContinuation<Int32, Never>) in
            Thread.detachNewThread { continuation.resume(returning: waitForExit(pid)) }
        }
        let output = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        return (status, output)
    }

    /// Spawns `executable` with its standard output appended to `output` (or discarded), its
    /// standard error to `errors` (or with the output), and standard input from `/dev/null`;
    /// nothing else of this process is inherited.
    public static func spawn(
        _ executable: String, _ arguments: [String], environment: [String: String] = [:], output: String? = nil,
        errors: String? = nil
    ) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(
            &actions, 1, output ?? "/dev/null", O_WRONLY | O_CREAT | O_APPEND, 0o600)
        if let errors {
            posix_spawn_file_actions_addopen(&actions, 2, errors, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        } else {
            posix_spawn_file_actions_adddup2(&actions, 1, 2)
        }
        SpawnDescriptors.closeInherited(&actions, from: 3)
        let variables = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = variables.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in argv + envp { free(pointer) } }
        // The child starts with no blocked signals and default handlers, whatever the spawning
        // thread had (a dispatch worker blocks some; the test process ignores SIGPIPE).
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        SpawnDescriptors.resetSignals(&attributes)
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard result == 0 else {
            throw CocoaError(.executableLoad, userInfo: [NSFilePathErrorKey: executable, "errno": result])
        }
        return pid
    }

    /// Waits for `pid` to end (blocking the calling thread); its exit status, or 128 + the signal.
    public static func waitForExit(_ pid: pid_t) -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 {
            guard errno == EINTR else { return -1 }
        }
        let signal = status & 0x7f
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal
    }
}
