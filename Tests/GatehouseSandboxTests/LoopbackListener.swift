import Foundation
import Synchronization

/// A TCP listener on the host's 127.0.0.1 that counts the connections it accepts.
final class LoopbackListener: Sendable {
    let port: Int
    private let socketFD: Int32
    private let counter = Counter()

    final class Counter: Sendable {
        let value = Atomic<Int>(0)
    }

    init() throws {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, listen(descriptor, 16) == 0 else { throw POSIXError(.EADDRINUSE) }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        port = Int(UInt16(bigEndian: address.sin_port))
        socketFD = descriptor
        let counter = self.counter
        Thread.detachNewThread {
            while true {
                let client = accept(descriptor, nil, nil)
                if client < 0 { return }
                counter.value.add(1, ordering: .relaxed)
                Foundation.close(client)
            }
        }
    }

    var accepted: Int { counter.value.load(ordering: .relaxed) }

    func close() {
        shutdown(socketFD, Int32(SHUT_RDWR))
        Foundation.close(socketFD)
    }
}
