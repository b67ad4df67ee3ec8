import Foundation
import GatehouseCore

/// Runs QEMU, streams the guest's standard output, and kills it at the wall-time limit or on
/// cancellation; killing QEMU ends the guest and everything in it.
struct VMProcess {
    let qemu: String
    let arguments: [String]
    let wallSeconds: Int

    struct Outcome {
        let status: Int32
        let timedOut: Bool
        let cancelled: Bool
    }

    func run(output: @escaping @Sendable (SandboxOutput) -> Void, launched: @Sendable () -> Void) async throws
        -> Outcome
    {
        let diagnostics = OutputCollector()
        let ended = try await WatchedProcess(
            executable: qemu, arguments: arguments, environment: ["PATH": "/usr/bin:/bin"], wallSeconds: wallSeconds
        ).run(stdout: { output(.stdout($0)) }, stderr: { diagnostics.collect(.stderr($0)) }, launched: launched)
        if ended.status != 0, !ended.timedOut, !ended.cancelled, !diagnostics.stderr.isEmpty {
            output(.stderr(Data(("gatehouse: QEMU: " + diagnostics.stderr.suffix(500)).utf8)))
        }
        return Outcome(status: ended.status, timedOut: ended.timedOut, cancelled: ended.cancelled)
    }
}
