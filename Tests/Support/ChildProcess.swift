import Foundation

/// Runs a peer tool (skopeo, umoci, …) for a test without blocking a thread of the cooperative
/// pool: output goes to a temporary file, and the exit is awaited through the termination
/// handler.
public enum ChildProcess {
    /// Runs `executable` with `arguments`; returns the exit status and the combined output.
    /// `environment` is added to this process's own (a token for a client, never on its command line).
    public static func run(
        _ executable: String, _ arguments: [String], environment: [String: String] = [:]
    ) async throws -> (Int32, String) {
        let log = NSTemporaryDirectory() + "gatehouse-child-" + UUID().uuidString + ".log"
        guard FileManager.default.createFile(atPath: log, contents: nil),
            let handle = FileHandle(forWritingAtPath: log)
        else { throw CocoaError(.fileWriteUnknown) }
        defer {
            try? handle.close()
            try? FileManager.default.removeItem(atPath: log)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        }
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        let status = try await withCheckedThrowingContinuation {
            (continuation: CheckedContinuation<Int32, any Error>) in
            process.terminationHandler = { process in continuation.resume(returning: process.terminationStatus) }
            do { try ProcessLaunch.run(process) } catch { continuation.resume(throwing: error) }
        }
        let output = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        return (status, output)
    }
}
