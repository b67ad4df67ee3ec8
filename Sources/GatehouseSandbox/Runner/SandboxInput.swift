public import Foundation
import GatehouseCore
import Synchronization

/// The standard input of an interactive sandbox (an MCP tool server speaking over stdio).
///
/// Writes keep their order. When nothing is queued and the pipe has room, a write goes
/// straight into the pipe from the caller (the pipe is non-blocking, so that never waits);
/// otherwise it is queued, and a thread of the input's own writes it when the sandbox reads,
/// so a sandbox that stops reading never blocks one of Swift's cooperative threads. Data
/// written before the sandbox started is kept and delivered once it runs.
public final class SandboxInput: Sendable {
    /// What to tell the writer of a chunk once it is in the pipe, or could not be.
    enum Completion: Sendable {
        case waiting(CheckedContinuation<Void, any Error>)
        case failed(@Sendable (String) -> Void)
        case none

        func delivered() {
            if case .waiting(let continuation) = self { continuation.resume() }
        }

        func failed(_ reason: String) {
            switch self {
            case .waiting(let continuation): continuation.resume(throwing: GatehouseError(.conflict, reason))
            case .failed(let handler): handler(reason)
            case .none: break
            }
        }
    }

    struct State {
        var pending: [(Data, Completion)] = []
        var closed = false
        var failed: String?
        /// The pipe, once the sandbox runs; nil before and after.
        var descriptor: Int32?
        /// The input's thread is writing a chunk it took from `pending`.
        var writing = false
    }

    let state = Mutex(State())
    let wake = NSCondition()

    /// Creates an input; pass it in `SandboxRun.input`.
    public init() {}

    /// Writes `data`; returns when it is in the pipe. Throws when the input was closed or the
    /// sandbox stopped reading (it ended).
    public func write(_ data: Data) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            submit(data, .waiting(continuation))
        }
    }

    /// Queues `data` after everything written before, without waiting: it goes into the pipe
    /// at once when the pipe has room. `failed` runs (on some thread) with the reason when it
    /// never reaches the sandbox.
    public func post(_ data: Data, failed: @escaping @Sendable (String) -> Void) {
        submit(data, .failed(failed))
    }

    private func submit(_ data: Data, _ completion: Completion) {
        enum Next {
            case refused(String)
            case delivered
            case queued
        }
        let next = state.withLock { state -> Next in
            if let failed = state.failed { return .refused(failed) }
            if state.closed { return .refused("the sandbox's input is closed") }
            if let descriptor = state.descriptor, state.pending.isEmpty, !state.writing {
                switch Descriptor.writeNow(data, to: descriptor) {
                case .all: return .delivered
                case .part(let rest):
                    state.pending.append((rest, completion))
                    return .queued
                case .gone:
                    state.failed = "the sandbox stopped reading its input"
                    return .refused("the sandbox stopped reading its input")
                }
            }
            state.pending.append((data, completion))
            return .queued
        }
        switch next {
        case .refused(let reason): completion.failed(reason)
        case .delivered: completion.delivered()
        case .queued: signal()
        }
    }

    /// Closes the input: the sandbox reads end of file once what was written is delivered.
    public func close() {
        state.withLock { $0.closed = true }
        signal()
    }

    /// A write to a pipe whose reader is gone must fail with `EPIPE`, not kill Gatehouse:
    /// SIGPIPE is ignored process-wide, once, as SwiftNIO does for its sockets (children get
    /// the default back, see `ChildSpawn`).
    private static let pipeSignalIgnored: Bool = {
        Glibc.signal(SIGPIPE, SIG_IGN)
        return true
    }()

    /// Starts delivering to `descriptor` (the pipe's write end, owned from now on).
    func attach(_ descriptor: Int32) {
        precondition(Self.pipeSignalIgnored)
        let flags = fcntl(descriptor, F_GETFL)
        _ = fcntl(descriptor, F_SETFL, flags | O_NONBLOCK)
        state.withLock { $0.descriptor = descriptor }
        Thread.detachNewThread { [self] in
            deliver(to: descriptor)
            state.withLock { $0.descriptor = nil }
            Glibc.close(descriptor)
        }
    }

    private func signal() {
        wake.lock()
        wake.signal()
        wake.unlock()
    }
}
