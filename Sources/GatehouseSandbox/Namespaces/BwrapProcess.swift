import Foundation
import GatehouseCore
import Synchronization

/// Starts bubblewrap (by `ChildSpawn`) through a tiny shell that first joins the sandbox's
/// control groups and sets the CPU-time limit (so nothing runs outside the limits, not even for
/// a moment), or by launching a stem that did all that ahead of time; streams its output, and
/// kills it at the wall-time limit or on cancellation. Killing bwrap kills the
/// sandbox's pid namespace, and with it every process inside.
struct BwrapProcess {
    let bwrap: String
    let arguments: [String]
    let seccompFile: String
    let cgroupProcs: [String]
    let cpuSeconds: Int?
    let wallSeconds: Int
    let input: SandboxInput?
    /// A stem to become bwrap, when one was ready; else bwrap starts through the shell.
    var stem: StemPool.Stem? = nil

    static let wrapper = """
        umask 022
        for f in $GH_CGROUP_PROCS; do echo $$ > "$f" || exit 125; done
        if [ -n "$GH_CPU_SECONDS" ]; then ulimit -t "$GH_CPU_SECONDS" || exit 125; fi
        exec "$@" 3< "$GH_SECCOMP"
        """

    func run(output: @escaping @Sendable (SandboxOutput) -> Void, launched: @Sendable () -> Void) async throws
        -> SandboxLifecycle.StopReason
    {
        var environment = [
            "PATH": "/usr/bin:/bin", "GH_SECCOMP": seccompFile, "GH_CGROUP_PROCS": cgroupProcs.joined(separator: " "),
        ]
        if let cpuSeconds { environment["GH_CPU_SECONDS"] = String(cpuSeconds) }
        var process = WatchedProcess(
            executable: "/bin/sh", arguments: ["-c", Self.wrapper, "gatehouse-sandbox", bwrap] + arguments,
            environment: environment, wallSeconds: wallSeconds, input: input)
        if let stem {
            let (bwrap, arguments, cpuSeconds, seccomp) = (bwrap, arguments, cpuSeconds, seccompFile)
            process.start = { _ throws(GatehouseError) in
                guard
                    stem.launch(
                        executable: bwrap, arguments: arguments, environment: ["PATH": "/usr/bin:/bin"],
                        cpuSeconds: cpuSeconds, seccomp: seccomp)
                else {
                    StemPool.discard(stem)
                    throw GatehouseError(.sandboxUnavailable, "the prepared sandbox process is gone")
                }
                return stem.child
            }
        }
        let ended = try await process.run(
            stdout: { output(.stdout($0)) }, stderr: { output(.stderr($0)) }, launched: launched)
        if ended.timedOut { return .timedOut }
        if ended.cancelled { return .removed }
        // bwrap reports a command killed by a signal as 128 + the signal, as a shell does.
        if ended.signalled { return .signalled(ended.status) }
        return .exited(ended.status)
    }
}
