import NIOCore
import NIOSSL
import NIOTLS

/// A CONNECT tunnel to a host that gets credentials injected. The first bytes decide: a TLS
/// ClientHello is answered with a certificate from the sandbox's own CA, the first request is
/// read inside TLS and forwarded over a verified TLS connection to the real host with the
/// credential headers added (and its `Host` set to the tunnel's host, so a shared front end
/// cannot route the credential elsewhere); anything else is tunnelled unchanged, without them.
final class CredentialTunnelHandler: ChannelInboundHandler, RemovableChannelHandler, @unchecked Sendable {
    typealias InboundIn = ByteBuffer

    let upstream: any Channel
    let host: String
    let port: Int
    let inject: [(String, String)]
    let trustFiles: [String]
    let authority: SandboxCA
    private var buffered = ByteBuffer()

    init(
        upstream: any Channel, host: String, port: Int, inject: [(String, String)], trustFiles: [String],
        authority: SandboxCA
    ) {
        self.upstream = upstream
        self.host = host
        self.port = port
        self.inject = inject
        self.trustFiles = trustFiles
        self.authority = authority
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var chunk = unwrapInboundIn(data)
        buffered.writeBuffer(&chunk)
        decide(context)
    }

    func channelInactive(context: ChannelHandlerContext) {
        upstream.close(promise: nil)
        context.fireChannelInactive()
    }

    private func decide(_ context: ChannelHandlerContext) {
        guard let first = buffered.getInteger(at: buffered.readerIndex, as: UInt8.self) else { return }
        let pipeline = context.pipeline.syncOperations
        let bytes = buffered
        buffered = ByteBuffer()
        do {
            if first == 0x16 {  // a TLS handshake record
                let leaf = try authority.leaf(for: host)
                var server = TLSConfiguration.makeServerConfiguration(
                    certificateChain: leaf.chain.map { .certificate($0) }, privateKey: .privateKey(leaf.key))
                server.applicationProtocols = ["http/1.1"]
                var client = TLSConfiguration.makeClientConfiguration()
                client.additionalTrustRoots = trustFiles.map { .file($0) }
                client.applicationProtocols = ["http/1.1"]
                let ready = upstream.eventLoop.makePromise(of: Void.self)
                let isAddress = SandboxCA.addressBytes(host) != nil
                try upstream.pipeline.syncOperations.addHandlers([
                    NIOSSLClientHandler(
                        context: NIOSSLContext(configuration: client), serverHostname: isAddress ? nil : host),
                    HandshakeWatcher(ready: ready),
                ])
                try pipeline.addHandlers([
                    NIOSSLServerHandler(context: NIOSSLContext(configuration: server)),
                    InjectingRequestHandler(
                        upstream: upstream, ready: ready.futureResult, host: host, port: port, inject: inject),
                ])
            } else {
                try GlueHandler.join(pipeline, with: upstream)
            }
            context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
            // From the start of the pipeline, so the new handlers see the bytes already read.
            context.channel.pipeline.syncOperations.fireChannelRead(NIOAny(bytes))
        } catch {
            context.close(promise: nil)
            upstream.close(promise: nil)
        }
    }
}

/// Completes `ready` when the upstream TLS handshake (with certificate verification) succeeds,
/// and fails it when the handshake or the connection fails first.
final class HandshakeWatcher: ChannelInboundHandler, RemovableChannelHandler, @unchecked Sendable {
    typealias InboundIn = ByteBuffer
    let ready: EventLoopPromise<Void>

    init(ready: EventLoopPromise<Void>) { self.ready = ready }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case TLSUserEvent.handshakeCompleted = event { ready.succeed() }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        ready.fail(error)
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        ready.fail(ChannelError.ioOnClosedChannel)
        context.fireChannelInactive()
    }
}
