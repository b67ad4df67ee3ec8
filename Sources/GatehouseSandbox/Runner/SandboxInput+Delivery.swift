import Foundation
import GatehouseCore
import Synchronization

/// The input's thread: what could not go straight into the pipe, in order.
extension SandboxInput {
    /// How far a non-blocking write got.
    enum WriteResult {
        case all
        /// The pipe is full; this much is left.
        case part(Data)
        /// The reader is gone.
        case gone
    }

    /// Writes as much of `data` as the pipe takes now.
    static func writeNow(_ data: Data, to descriptor: Int32) -> WriteResult {
        data.withUnsafeBytes { bytes -> WriteResult in
            var offset = 0
            while offset < bytes.count {
                let count = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if count > 0 {
                    offset += count
                } else if count < 0, errno == EINTR {
                    continue
                } else if count < 0, errno == EAGAIN {
                    return .part(Data(bytes[offset...]))
                } else {
                    return .gone
                }
            }
            return .all
        }
    }

    /// Delivers queued chunks until the input is closed and drained, or the reader is gone.
    func deliver(to descriptor: Int32) {
        while let (data, completion) = next() {
            if Self.writeAll(data, to: descriptor) {
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

    /// Writes all of `data` to the non-blocking pipe, waiting for room as needed; false when
    /// the reader is gone.
    private static func writeAll(_ data: Data, to descriptor: Int32) -> Bool {
        var rest = data
        while true {
            switch writeNow(rest, to: descriptor) {
            case .all: return true
            case .gone: return false
            case .part(let left):
                rest = left
                var ready = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
                while poll(&ready, 1, -1) < 0, errno == EINTR {}
                if ready.revents & Int16(POLLERR | POLLHUP | POLLNVAL) != 0 { return false }
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
        for waiter in waiting { waiter.failed("the sandbox has ended") }
        wake.lock()
        wake.signal()
        wake.unlock()
    }
}

/// Blocking writes to a pipe or socket, shared by the stems' control sockets.
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
