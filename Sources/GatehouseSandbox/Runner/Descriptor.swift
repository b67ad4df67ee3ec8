import Foundation

/// Writes to a pipe or socket: the sandbox's input (non-blocking) and the stems' control
/// sockets (blocking).
enum Descriptor {
    /// How far a write got.
    enum WriteResult {
        case all
        /// The descriptor is non-blocking and full; this much is left.
        case part(Data)
        /// The reader is gone.
        case gone
    }

    /// Writes as much of `data` as the descriptor takes now (all of it when it blocks), again
    /// after an interrupted write.
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

    /// Writes all of `data`, waiting for room on a non-blocking descriptor; false when the
    /// reader is gone.
    static func writeAll(_ data: Data, to descriptor: Int32) -> Bool {
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
}
