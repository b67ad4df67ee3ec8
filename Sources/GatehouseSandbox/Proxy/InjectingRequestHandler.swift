import NIOCore

/// Inside an intercepted TLS tunnel: reads the first request head, and once the upstream TLS
/// connection is verified, sends it on with the credentials added; from then on the two
/// connections are glued. The request says `Connection: close`, so it is the only one.
final class InjectingRequestHandler: ChannelInboundHandler, RemovableChannelHandler, @unchecked Sendable {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    let upstream: any Channel
    let ready: EventLoopFuture<Void>
    let host: String
    let port: Int
    let inject: [(String, String)]
    private var buffered = ByteBuffer()
    private var forwarding = false

    init(upstream: any Channel, ready: EventLoopFuture<Void>, host: String, port: Int, inject: [(String, String)]) {
        self.upstream = upstream
        self.ready = ready
        self.host = host
        self.port = port
        self.inject = inject
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var chunk = unwrapInboundIn(data)
        buffered.writeBuffer(&chunk)
        guard !forwarding else { return }
        guard let end = buffered.readableBytesView.firstRange(of: Array("\r\n\r\n".utf8)) else {
            if buffered.readableBytes > EgressProxy.maxHead {
                respond(context, "431 Request Header Fields Too Large", "the request head is too large")
            }
            return
        }
        forwarding = true
        let length = end.upperBound - buffered.readerIndex
        let text = buffered.readString(length: length) ?? ""
        guard let request = ProxyRequest(originFormHead: text, host: host, port: port) else {
            respond(context, "400 Bad Request", "expected an origin-form HTTP/1.x request inside the tunnel")
            return
        }
        let contextBox = NIOLoopBound(context, eventLoop: context.eventLoop)
        ready.hop(to: context.eventLoop).whenComplete { result in
            let context = contextBox.value
            switch result {
            case .failure:
                self.respond(
                    context, "502 Bad Gateway",
                    "cannot make a verified TLS connection to \(self.host):\(self.port)")
            case .success:
                var head = self.upstream.allocator.buffer(capacity: 512)
                head.writeString(request.originForm(adding: self.inject))
                self.upstream.write(head, promise: nil)
                do {
                    try GlueHandler.join(context.pipeline.syncOperations, at: .after(self), with: self.upstream)
                } catch {
                    context.close(promise: nil)
                    self.upstream.close(promise: nil)
                    return
                }
                // The body (or whatever followed the head) goes first, then the glue carries on.
                if self.buffered.readableBytes > 0 { self.upstream.write(self.buffered, promise: nil) }
                self.upstream.flush()
                self.buffered = ByteBuffer()
                context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
                if let watcher = try? self.upstream.pipeline.syncOperations.handler(type: HandshakeWatcher.self) {
                    self.upstream.pipeline.removeHandler(watcher, promise: nil)
                }
            }
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        if !forwarding { upstream.close(promise: nil) }
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
        upstream.close(promise: nil)
    }

    private func respond(_ context: ChannelHandlerContext, _ status: String, _ reason: String) {
        upstream.close(promise: nil)
        EgressProxy.refuse(context, status: status, reason)
    }
}
