import Foundation
import GatehouseTestSupport
import Synchronization
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Runs the built `gatehouse` binary, as a user would.
enum CLI {
    /// The binary next to the test bundle, or `GATEHOUSE_BIN`.
    static var binary: String {
        if let path = ProcessInfo.processInfo.environment["GATEHOUSE_BIN"] { return path }
        let runner = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var directory = runner.deletingLastPathComponent()
        while directory.path != "/" {
            let candidate = directory.appendingPathComponent("gatehouse").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return ".build/debug/gatehouse"
    }

    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// Runs `gatehouse ARGS` to completion (spawned with `posix_spawn`, see ``ChildProcess``;
    /// output and errors through temporary files).
    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Result {
        let base = NSTemporaryDirectory() + "gatehouse-cli-run-" + UUID().uuidString
        defer {
            try? FileManager.default.removeItem(atPath: base + ".out")
            try? FileManager.default.removeItem(atPath: base + ".err")
        }
        // Servers started by these tests do not boot a microVM probe guest each.
        let pid = try ChildProcess.spawn(
            binary, arguments, environment: ["GATEHOUSE_SANDBOX_MICROVM": "off"].merging(environment) { $1 },
            output: base + ".out", errors: base + ".err")
        let status = ChildProcess.waitForExit(pid)
        return Result(
            status: status, stdout: (try? String(contentsOfFile: base + ".out", encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOfFile: base + ".err", encoding: .utf8)) ?? "")
    }

    static func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "gatehouse-cli-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}

/// A `gatehouse serve` process whose output lines arrive as they are written.
final class ServerProcess: Sendable {
    let process: Process
    let stdoutLines: AsyncStream<String>
    let stderrLines: AsyncStream<String>

    init(_ arguments: [String], environment: [String: String] = [:]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLI.binary)
        process.arguments = arguments
        // Servers started by these tests do not boot a microVM probe guest each.
        process.environment = ProcessInfo.processInfo.environment.merging(["GATEHOUSE_SANDBOX_MICROVM": "off"]) { $1 }
            .merging(environment) { $1 }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        stdoutLines = Self.lines(of: out.fileHandleForReading)
        stderrLines = Self.lines(of: err.fileHandleForReading)
        try ProcessLaunch.run(process)
        self.process = process
    }

    private static func lines(of handle: FileHandle) -> AsyncStream<String> {
        AsyncStream { continuation in
            let thread = Thread {
                var pending = Data()
                while true {
                    let chunk = handle.availableData
                    if chunk.isEmpty { break }
                    pending.append(chunk)
                    while let newline = pending.firstIndex(of: 0x0a) {
                        continuation.yield(String(decoding: pending[pending.startIndex..<newline], as: UTF8.self))
                        pending.removeSubrange(pending.startIndex...newline)
                    }
                }
                if !pending.isEmpty { continuation.yield(String(decoding: pending, as: UTF8.self)) }
                continuation.finish()
            }
            thread.start()
        }
    }

    /// The first line of `stream` containing `text`; nil if the stream ends first.
    static func first(in stream: AsyncStream<String>, containing text: String) async -> String? {
        for await line in stream where line.contains(text) { return line }
        return nil
    }

    /// The port in a "gatehouse is listening" log line (`…127.0.0.1:PORT…`).
    static func port(in line: String) -> Int? {
        guard let range = line.range(of: "127.0.0.1:", options: .backwards) else { return nil }
        return Int(line[range.upperBound...].prefix { $0.isNumber })
    }

    func signal(_ signal: Int32) { kill(process.processIdentifier, signal) }

    func waitForExit() async -> Int32 {
        await withCheckedContinuation { continuation in
            Thread {
                self.process.waitUntilExit()
                continuation.resume(returning: self.process.terminationStatus)
            }.start()
        }
    }

    deinit { if process.isRunning { process.terminate() } }
}

/// Minimal HTTP calls to a live server on loopback.
enum HTTP {
    static func get(_ url: String, token: String? = nil) async throws -> (Int, String) {
        var request = URLRequest(url: URL(string: url)!)
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
    }
}
