import Foundation
import GatehouseCore
import Synchronization

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
        let process = Process()
        process.executableURL = URL(fileURLWithPath: qemu)
        process.arguments = arguments
        process.environment = ["PATH": "/usr/bin:/bin"]
        process.standardInput = FileHandle.nullDevice
        let stdout = Pipe()
        let stderr = Pipe()
        for pipe in [stdout, stderr] {
            _ = fcntl(pipe.fileHandleForReading.fileDescriptor, F_SETFD, FD_CLOEXEC)
            _ = fcntl(pipe.fileHandleForWriting.fileDescriptor, F_SETFD, FD_CLOEXEC)
        }
        process.standardOutput = stdout
        process.standardError = stderr
        let drained = DrainCounter()
        let diagnostics = OutputCollector()
        PipeReader.start(stdout.fileHandleForReading, chunk: { output(.stdout($0)) }, end: { drained.finish() })
        PipeReader.start(
            stderr.fileHandleForReading, chunk: { diagnostics.collect(.stderr($0)) }, end: { drained.finish() })
        let watch = ProcessWatch()
        let status: Int32 = try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                process.terminationHandler = { process in
                    watch.exited()
                    continuation.resume(returning: process.terminationStatus)
                }
                do {
                    try process.run()
                } catch {
                    process.terminationHandler = nil
                    continuation.resume(throwing: GatehouseError(.sandboxUnavailable, "cannot start QEMU: \(error)"))
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
        await drained.wait(for: 2, atMost: .seconds(5))
        if status != 0, !watch.timedOut, !Task.isCancelled, !diagnostics.stderr.isEmpty {
            output(.stderr(Data(("gatehouse: QEMU: " + diagnostics.stderr.suffix(500)).utf8)))
        }
        return Outcome(status: status, timedOut: watch.timedOut, cancelled: Task.isCancelled)
    }
}
