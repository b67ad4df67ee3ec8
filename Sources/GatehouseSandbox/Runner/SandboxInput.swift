public import Foundation
import GatehouseCore
import Synchronization

/// The standard input of an interactive sandbox (an MCP tool server speaking over stdio).
///
/// Writes are queued and written to the pipe by a thread of the input's own, so a sandbox that
/// stops reading never blocks one of Swift's cooperative threads. Data written before the
/// sandbox started is kept and delivered once it runs.
public final class SandboxInput: Sendable {
    private struct State {
        var pending: [(Data, CheckedContinuation<Void, any Error>)] = []
        var closed = false
        var failed: String?
    }

    private let state = Mutex(State())
    private let wake = NSCondition()

    /// Creates an input; pass it in `SandboxRun.input`.
    public init() {}

    /// Writes `data`; returns when it is in the pipe. Throws when the input was closed or the
    /// sandbox stopped reading (it ended).
    public func write(_ data: Data) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let refusal = state.withLock { state -> String? in
                if let failed = state.failed { return failed }
                if state.closed { return "the sandbox's input is closed" }
                state.pending.append((data, continuation))
                return nil
            }
            if let refusal {
                continuation.resume(throwing: GatehouseError(.conflict, refusal))
            } else {
                wake.lock()
                wake.signal()
                wake.unlock()
            }
        }
    }

    /// Closes the input: the sandbox reads end of file once what was written is delivered.
    public func close() {
        state.withLock { $0.closed = true }
        wake.lock()
        wake.signal()
        wake.unlock()
    }

    /// Starts delivering to `descriptor` (the pipe's write end, owned from now on).
    func attach(_ descriptor: Int32) {
        Thread.detachNewThread { [self] in
            deliver(to: descriptor)
            Glibc.close(descriptor)
        }
    }

    private func deliver(to descriptor: Int32) {
        while true {
            wake.lock()
            var next = state.withLock { state in
                state.pending.isEmpty ? nil : state.pending.removeFirst()
            }
            while next == nil {
                if state.withLock({ $0.closed }) {
                    wake.unlock()
                    return
                }
                wake.wait()
                next = state.withLock { state in state.pending.isEmpty ? nil : state.pending.removeFirst() }
            }
            wake.unlock()
            guard let (data, continuation) = next else { return }
            if Descriptor.writeAll(data, to: descriptor) {
                continuation.resume()
            } else {
                let waiting = state.withLock { state in
                    state.failed = "the sandbox stopped reading its input"
                    defer { state.pending = [] }
                    return state.pending.map(\.1)
                }
                for waiter in [continuation] + waiting {
                    waiter.resume(throwing: GatehouseError(.conflict, "the sandbox stopped reading its input"))
                }
                return
            }
        }
    }

    /// Ends the input when the sandbox is over (or never started): later writes fail, and
    /// writes still waiting fail too.
    func finish() {
        let waiting = state.withLock { state in
            state.failed = state.failed ?? "the sandbox has ended"
            state.closed = true
            defer { state.pending = [] }
            return state.pending.map(\.1)
        }
        for waiter in waiting { waiter.resume(throwing: GatehouseError(.conflict, "the sandbox has ended")) }
        wake.lock()
        wake.signal()
        wake.unlock()
    }
}

/// Blocking writes to a pipe or socket, shared by the sandbox's input and the stems' control
/// sockets.
enum Descriptor {
    /// Writes all of `data`, again after an interrupted write; false when the reader is gone.
    static func writeAll(_ data: Data, to descriptor: Int32) -> Bool {
        data.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let count = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if count < 0, errno == EINTR { continue }
                guard count > 0 else { return false }
                offset += count
            }
            return true
        }
    }
}
