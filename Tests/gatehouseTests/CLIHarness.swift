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

    /// Runs `gatehouse ARGS` to completion.
    static func run(_ arguments: [String], environment: [String: String] = [:], cwd: String? = nil) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        // Servers started by these tests do not boot a microVM probe guest each.
        process.environment = ProcessInfo.processInfo.environment.merging(["GATEHOUSE_SANDBOX_MICROVM": "off"]) { $1 }
            .merging(environment) { $1 }
        if let cwd { process.currentDirectoryURL = URL(fileURLWithPath: cwd) }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try ProcessLaunch.run(process)
        let outData = Mutex(Data())
        let done = DispatchSemaphore(value: 0)
        Thread {
            outData.withLock { $0 = out.fileHandleForReading.readDataToEndOfFile() }
            done.signal()
        }.start()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        done.wait()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: outData.withLock { $0 }, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
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
