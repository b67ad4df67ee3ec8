import Foundation
import GatehouseCore
import NIOCore
import NIOPosix

/// Gatehouse's egress proxy for one sandbox: HTTP (absolute-form requests) and CONNECT, on a
/// Unix socket that only that sandbox can reach. Every request is decided by `decide` (the
/// sandbox's allowlist first, then the policy, which also audits it); refused ones get a 403
/// with the reason.
public final class EgressProxy: Sendable {
    /// The socket path on the host.
    public let socketPath: String
    let channel: any Channel

    /// Largest request head accepted.
    static let maxHead = 16 * 1024

    /// Starts listening at `socketPath`.
    /// `authority` issues the certificates for TLS connections that get credentials injected.
    public static func start(
        socketPath: String, sandboxID: String, allow: [HostRule], authority: SandboxCA? = nil,
        decide: @escaping @Sendable (EgressRequest) async -> EgressDecision
    ) async throws -> EgressProxy {
        let group = MultiThreadedEventLoopGroup.singleton
        try? FileManager.default.removeItem(atPath: socketPath)
        let channel = try await ServerBootstrap(group: group)
            .childChannelInitializer { child in
                child.pipeline.addHandler(
                    ProxyHeadHandler(
                        sandboxID: sandboxID, allow: allow, authority: authority, decide: decide, group: group))
            }
            .bind(unixDomainSocketPath: socketPath).get()
        chmod(socketPath, 0o666)
        return EgressProxy(socketPath: socketPath, channel: channel)
    }

    private init(socketPath: String, channel: any Channel) {
        self.socketPath = socketPath
        self.channel = channel
    }

    /// Stops listening and removes the socket (open tunnels end with the sandbox).
    public func stop() async {
        try? await channel.close()
        try? FileManager.default.removeItem(atPath: socketPath)
    }
}

/// Reads one request head, decides, then either answers 403 or connects upstream and glues the
/// two connections together.
final class ProxyHeadHandler: ChannelInboundHandler, RemovableChannelHandler, @unchecked Sendable {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    let sandboxID: String
    let allow: [HostRule]
    let authority: SandboxCA?
    let decide: @Sendable (EgressRequest) async -> EgressDecision
    let group: any EventLoopGroup
    private var head = ByteBuffer()
    private var deciding = false

    init(
        sandboxID: String, allow: [HostRule], authority: SandboxCA?,
        decide: @escaping @Sendable (EgressRequest) async -> EgressDecision, group: any EventLoopGroup
    ) {
        self.sandboxID = sandboxID
        self.allow = allow
        self.authority = authority
        self.decide = decide
        self.group = group
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var chunk = unwrapInboundIn(data)
        head.writeBuffer(&chunk)
        guard !deciding else { return }
        guard let end = head.readableBytesView.firstRange(of: Array("\r\n\r\n".utf8)) else {
            if head.readableBytes > EgressProxy.maxHead {
                refuse(context, status: "431 Request Header Fields Too Large", "the request head is too large")
            }
            return
        }
        deciding = true
        let headLength = end.upperBound - head.readerIndex
        let text = head.getString(at: head.readerIndex, length: headLength) ?? ""
        head.moveReaderIndex(forwardBy: headLength)
        guard let request = ProxyRequest(head: text) else {
            refuse(context, status: "400 Bad Request", "expected CONNECT host:port or an absolute http:// URL")
            return
        }
        let allowlisted = allow.contains { $0.allows(host: request.host, port: request.port) }
        let egress = EgressRequest(
            sandboxID: sandboxID, host: request.host, port: request.port, method: request.method,
            allowlisted: allowlisted)
        let loop = context.eventLoop
        let decide = self.decide
        let contextBox = NIOLoopBound(context, eventLoop: loop)
        Task {
            let decision = await decide(egress)
            loop.execute {
                let context = contextBox.value
                guard decision.allowed else {
                    self.refuse(context, status: "403 Forbidden", decision.reason)
                    return
                }
                self.connect(context, request, decision)
            }
        }
    }

    private func connect(_ context: ChannelHandlerContext, _ request: ProxyRequest, _ decision: EgressDecision) {
        let inbound = context.channel
        let pending = head
        head = ByteBuffer()
        let contextBox = NIOLoopBound(context, eventLoop: context.eventLoop)
        ClientBootstrap(group: context.eventLoop)
            .connectTimeout(.seconds(10))
            .connect(host: request.host, port: request.port)
            .whenComplete { result in
                let context = contextBox.value
                switch result {
                case .failure:
                    self.refuse(context, status: "502 Bad Gateway", "cannot reach \(request.host):\(request.port)")
                case .success(let upstream):
                    var first = context.channel.allocator.buffer(capacity: 256)
                    if request.method == "CONNECT" {
                        first.writeString("HTTP/1.1 200 Connection Established\r\n\r\n")
                        context.writeAndFlush(self.wrapOutboundOut(first), promise: nil)
                    } else {
                        var upstreamHead = upstream.allocator.buffer(capacity: 512)
                        upstreamHead.writeString(request.originForm(adding: decision.injectHeaders))
                        upstream.writeAndFlush(upstreamHead, promise: nil)
                    }
                    let intercept = request.method == "CONNECT" && !decision.injectHeaders.isEmpty
                    context.pipeline.removeHandler(self).whenComplete { _ in
                        // Bytes that arrived while deciding and connecting go first.
                        var early = pending
                        early.writeImmutableBuffer(self.head)
                        if intercept, let authority = self.authority {
                            let tunnel = CredentialTunnelHandler(
                                upstream: upstream, host: request.host, port: request.port,
                                inject: decision.injectHeaders, trustFiles: decision.trustFiles,
                                authority: authority)
                            let bytes = early
                            inbound.pipeline.addHandler(tunnel).whenSuccess {
                                if bytes.readableBytes > 0 { inbound.pipeline.fireChannelRead(bytes) }
                            }
                            return
                        }
                        if early.readableBytes > 0 { upstream.writeAndFlush(early, promise: nil) }
                        do {
                            try GlueHandler.join(inbound.pipeline.syncOperations, with: upstream)
                        } catch {
                            inbound.close(promise: nil)
                            upstream.close(promise: nil)
                        }
                    }
                }
            }
    }

    private func refuse(_ context: ChannelHandlerContext, status: String, _ reason: String) {
        EgressProxy.refuse(context, status: status, reason)
    }
}

extension EgressProxy {
    /// Answers with a refusal the sandbox's client can show, then closes the connection.
    static func refuse(_ context: ChannelHandlerContext, status: String, _ reason: String) {
        let body = reason + "\n"
        var buffer = context.channel.allocator.buffer(capacity: 128 + body.utf8.count)
        buffer.writeString(
            "HTTP/1.1 \(status)\r\nContent-Type: text/plain\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\nX-Gatehouse-Egress: refused\r\n\r\n\(body)"
        )
        let channel = context.channel
        context.writeAndFlush(NIOAny(buffer)).whenComplete { _ in channel.close(promise: nil) }
    }
}
