import Foundation
import GatehouseCore
import Synchronization

/// The input's thread: what could not go straight into the pipe, in order.
extension SandboxInput {
    /// Delivers queued chunks until the input is closed and drained, or the reader is gone.
    func deliver(to descriptor: Int32) {
        while let (data, completion) = next() {
            if Descriptor.writeAll(data, to: descriptor) {
                state.withLock { $0.writing = false }
                completion.delivered()
            } else {
                let waiting = state.withLock { state in
                    state.failed = "the sandbox stopped reading its input"
                    state.writing = false
                    defer { state.pending = [] }
                    return state.pending.map(\.1)
                }
                for waiter in [completion] + waiting { waiter.failed("the sandbox stopped reading its input") }
                return
            }
        }
    }

    /// The next queued chunk (marked as being written), waiting for one; nil once the input
    /// is closed with nothing left, or has failed.
    private func next() -> (Data, Completion)? {
        wake.lock()
        defer { wake.unlock() }
        while true {
            let taken = state.withLock { state -> (Data, Completion)?? in
                if state.failed != nil { return .some(nil) }
                if !state.pending.isEmpty {
                    state.writing = true
                    return state.pending.removeFirst()
                }
                return state.closed ? .some(nil) : nil
            }
            if let taken { return taken }
            wake.wait()
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
        for waiter in waiting { waiter.failed("the sandbox has ended") }
        wake.lock()
        wake.signal()
        wake.unlock()
    }
}
