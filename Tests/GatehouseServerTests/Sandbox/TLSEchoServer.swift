import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import Synchronization

@testable import GatehouseSandbox

/// An HTTPS server on 127.0.0.1 for tests, with a certificate from a CA of its own (so a client
/// trusts it only when given `caFile`). It answers each request with `ECHO` and the request
/// head it received, and counts the requests it saw.
final class TLSEchoServer: Sendable {
    let port: Int
    /// The PEM file of the CA that issued the server's certificate.
    let caFile: String
    private let channel: any Channel
    private let counter: Counter

    final class Counter: Sendable {
        let value = Atomic<Int>(0)
    }

    init() async throws {
        let authority = try SandboxCA(sandboxID: "test-upstream")
        let leaf = try authority.leaf(for: "127.0.0.1")
        caFile = NSTemporaryDirectory() + "gatehouse-upstream-ca-\(UUID().uuidString.prefix(8)).pem"
        try authority.certificatePEM.write(toFile: caFile, atomically: true, encoding: .utf8)
        let context = try NIOSSLContext(
            configuration: .makeServerConfiguration(
                certificateChain: leaf.chain.map { .certificate($0) }, privateKey: .privateKey(leaf.key)))
        let counter = Counter()
        self.counter = counter
        channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .childChannelInitializer { child in
                child.eventLoop.makeCompletedFuture {
                    try child.pipeline.syncOperations.addHandlers([
                        NIOSSLServerHandler(context: context), EchoHandler(counter: counter),
                    ])
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        port = channel.localAddress?.port ?? 0
    }

    /// Requests answered so far.
    var requests: Int { counter.value.load(ordering: .relaxed) }

    func close() async {
        try? await channel.close()
        try? FileManager.default.removeItem(atPath: caFile)
    }

    final class EchoHandler: ChannelInboundHandler, @unchecked Sendable {
        typealias InboundIn = ByteBuffer
        typealias OutboundOut = ByteBuffer
        let counter: Counter
        private var head = ByteBuffer()

        init(counter: Counter) { self.counter = counter }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            var chunk = unwrapInboundIn(data)
            head.writeBuffer(&chunk)
            guard let end = head.readableBytesView.firstRange(of: Array("\r\n\r\n".utf8)) else { return }
            counter.value.add(1, ordering: .relaxed)
            let received = head.getString(at: head.readerIndex, length: end.upperBound - head.readerIndex) ?? ""
            let body = "ECHO\n" + received
            var response = context.channel.allocator.buffer(capacity: body.utf8.count + 64)
            response.writeString(
                "HTTP/1.1 200 OK\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n\(body)")
            let channel = context.channel
            context.writeAndFlush(wrapOutboundOut(response)).whenComplete { _ in channel.close(promise: nil) }
        }

        func errorCaught(context: ChannelHandlerContext, error: any Error) { context.close(promise: nil) }
    }
}
