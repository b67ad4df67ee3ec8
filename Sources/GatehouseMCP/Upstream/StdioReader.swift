import Foundation
import GatehouseSandbox
import Logging
import Synchronization

/// What a stdio tool server writes, taken on the thread that read it: standard output framed
/// into lines and decoded into messages for the session, standard error kept (its end) to say
/// why the server stopped.
final class StdioReader: Sendable {
    /// Nil once the server sent a line past the limit: it is being stopped, and what it still
    /// writes is ignored.
    private let framer = Mutex<LineFramer?>(LineFramer())
    private let continuation: AsyncStream<RPCMessage>.Continuation
    private let state: StdioState
    private let logger: Logger
    /// The sandbox, for the log and for removing it (set once it started).
    private let sandboxID = Mutex("")

    init(continuation: AsyncStream<RPCMessage>.Continuation, state: StdioState, logger: Logger) {
        self.continuation = continuation
        self.state = state
        self.logger = logger
    }

    /// The sandbox started as `id`; one that already sent a line past the limit is removed.
    func started(_ id: String, manager: SandboxManager) {
        sandboxID.withLock { $0 = id }
        if framer.withLock({ $0 == nil }) { Task { _ = await manager.remove(id, owner: nil) } }
    }

    /// Takes one chunk of output.
    func take(_ chunk: SandboxOutput, manager: SandboxManager) {
        switch chunk {
        case .stdout(let data):
            enum Framed {
                case lines([Data])
                case overflowed
                case ignored
            }
            let framed = framer.withLock { framer -> Framed in
                guard framer != nil else { return .ignored }
                guard let lines = framer!.push(data) else {
                    framer = nil
                    return .overflowed
                }
                return .lines(lines)
            }
            let lines: [Data]
            switch framed {
            case .ignored:
                return
            case .overflowed:
                // A line past the limit: the server is stopped.
                state.value.withLock { $0.ended = $0.ended ?? "it sent a line longer than 16 MiB" }
                let id = sandboxID.withLock { $0 }
                if !id.isEmpty { Task { _ = await manager.remove(id, owner: nil) } }
                return
            case .lines(let framed):
                lines = framed
            }
            for line in lines {
                do throws(RPCError) {
                    continuation.yield(try RPCMessage.decode(line))
                } catch {
                    // A server that prints a banner on stdout breaks the protocol; the line is
                    // dropped (and said so), the session goes on.
                    logger.warning(
                        "a tool server wrote a line that is not JSON-RPC",
                        metadata: ["sandbox": "\(sandboxID.withLock { $0 })", "error": "\(error.message)"])
                }
            }
        case .stderr(let data):
            state.value.withLock { state in
                state.stderr.append(data)
                if state.stderr.count > StdioUpstream.stderrLimit {
                    state.stderr = state.stderr.suffix(StdioUpstream.stderrLimit)
                }
            }
        }
    }
}
