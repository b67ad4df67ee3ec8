import Foundation
public import GatehouseSandbox
public import Logging
import Synchronization

/// What the reading task and the session share: why it ended, and the end of standard error.
final class StdioState: Sendable {
    let value = Mutex<(ended: String?, stderr: Data)>((nil, Data()))
}

/// A tool server speaking MCP over stdio, run in a sandbox: messages are written to its
/// standard input one per line and read from its standard output the same way. What it writes
/// to standard error is kept (the last few kilobytes, secrets redacted) to explain a crash.
public final class StdioUpstream: UpstreamTransport {
    /// The sandbox it runs in.
    public let sandboxID: String
    public let incoming: AsyncStream<RPCMessage>
    private let input: SandboxInput
    private let manager: SandboxManager
    private let result: Task<SandboxResult, any Error>
    private let pump: Task<Void, Never>
    private let state: StdioState

    /// The most of standard error kept.
    static let stderrLimit = 4096

    /// Starts `spec` in a sandbox and connects to its stdio.
    public init(
        spec: SandboxSpec, manager: SandboxManager, backend: any SandboxBackend, owner: String,
        egress: @escaping SandboxManager.EgressDecider, logger: Logger
    ) async throws {
        let input = SandboxInput()
        let (stream, continuation) = AsyncStream.makeStream(of: RPCMessage.self)
        let state = StdioState()
        let reader = StdioReader(continuation: continuation, state: state, logger: logger)
        // Output is framed and decoded on the thread that read it, and each message goes
        // straight to the session: no task in between.
        let started = try await manager.start(
            spec, on: backend, owner: owner, input: input, onOutput: { reader.take($0, manager: manager) },
            egress: egress)
        reader.started(started.id, manager: manager)
        self.sandboxID = started.id
        self.incoming = stream
        self.input = input
        self.manager = manager
        self.result = started.result
        self.state = state
        let result = started.result
        pump = Task {
            let reason: String
            do {
                let ended = try await result.value
                reason =
                    "it exited with status \(ended.exitStatus)" + (ended.outOfMemory ? " (out of memory)" : "")
                    + Self.lastWords(state)
            } catch {
                reason = "its sandbox failed: \(error)"
            }
            state.value.withLock { $0.ended = $0.ended ?? reason }
            continuation.finish()
        }
    }

    public func send(_ message: RPCMessage) async throws {
        try await input.write(Self.line(message))
    }

    /// Queues `message` on the server's standard input, in order, without waiting.
    public func post(_ message: RPCMessage, undelivered: @escaping @Sendable () -> Void) -> Bool {
        input.post(Self.line(message)) { _ in undelivered() }
        return true
    }

    private static func line(_ message: RPCMessage) -> Data {
        var line = message.encoded
        line.append(UInt8(ascii: "\n"))
        return line
    }

    /// Closes standard input (a well-behaved server exits), waits a moment, then removes the
    /// sandbox; returns once the sandbox is wiped.
    public func close() async {
        input.close()
        let exited = await withTaskGroup(of: Bool.self) { group in
            group.addTask { [result] in
                _ = try? await result.value
                return true
            }
            group.addTask {
                try? await Task.sleep(for: .seconds(2))
                return false
            }
            let first = await group.next() ?? false
            group.cancelAll()
            return first
        }
        if !exited { _ = await manager.remove(sandboxID, owner: nil) }
        _ = try? await result.value
        await pump.value
    }

    public var endReason: String? {
        get async { state.value.withLock { $0.ended } }
    }

    /// The last line the server wrote to standard error, secrets redacted, to say why it ended.
    static func lastWords(_ state: StdioState) -> String {
        let text = state.value.withLock { String(decoding: $0.stderr, as: UTF8.self) }
        guard let line = text.split(whereSeparator: \.isNewline).last(where: { !$0.allSatisfy(\.isWhitespace) })
        else { return "" }
        return ": " + SecretScanner().redact(String(line.suffix(300))).text
    }
}
