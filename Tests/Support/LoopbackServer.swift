import Foundation
import Synchronization

/// A TCP server on the host's 127.0.0.1 for tests: it accepts on a thread of its own, counts
/// connections, and hands each one to `serve` (which closes nothing; the server closes after).
public final class LoopbackServer: Sendable {
    /// The port it listens on.
    public let port: Int
    private let socketFD: Int32
    private let counter = Counter()

    final class Counter: Sendable {
        let value = Atomic<Int>(0)
    }

    /// Listens on an ephemeral port; `serve` runs for each accepted connection's descriptor.
    public init(serve: @escaping @Sendable (Int32) -> Void = { _ in }) throws {
        let (descriptor, port) = try LoopbackSocket.bind(listen: 16)
        self.port = port
        socketFD = descriptor
        let counter = self.counter
        Thread.detachNewThread {
            while true {
                let client = accept(descriptor, nil, nil)
                if client < 0 { return }
                counter.value.add(1, ordering: .relaxed)
                serve(client)
                Foundation.close(client)
            }
        }
    }

    /// Connections accepted so far.
    public var accepted: Int { counter.value.load(ordering: .relaxed) }

    /// Stops listening.
    public func close() {
        shutdown(socketFD, Int32(SHUT_RDWR))
        Foundation.close(socketFD)
    }

    /// A server answering every HTTP request with `ECHO` and the request head it received.
    public static func httpEcho() throws -> LoopbackServer {
        try LoopbackServer { client in
            var head = [UInt8]()
            var byte: UInt8 = 0
            while read(client, &byte, 1) == 1 {
                head.append(byte)
                if head.count >= 4, head.suffix(4) == [13, 10, 13, 10] { break }
                if head.count > 16384 { break }
            }
            let body = Array("ECHO\n".utf8) + head
            let response = Array("HTTP/1.0 200 OK\r\nContent-Length: \(body.count)\r\n\r\n".utf8) + body
            _ = response.withUnsafeBytes { write(client, $0.baseAddress, $0.count) }
        }
    }
}
