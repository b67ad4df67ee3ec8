import NIOCore

/// Joins two channels: what one reads, the other writes, with back-pressure (a side stops
/// reading while its partner cannot write), and closing one closes the other.
final class GlueHandler: ChannelDuplexHandler, @unchecked Sendable {
    typealias InboundIn = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private var partner: GlueHandler?
    private var context: ChannelHandlerContext?
    private var pendingRead = false

    static func pair() -> (GlueHandler, GlueHandler) {
        let first = GlueHandler()
        let second = GlueHandler()
        first.partner = second
        second.partner = first
        return (first, second)
    }

    /// Glues `inbound` (its pipeline at `position`) to `upstream`; both must be on the calling
    /// event loop.
    static func join(
        _ inbound: ChannelPipeline.SynchronousOperations,
        at position: ChannelPipeline.SynchronousOperations.Position = .last, with upstream: any Channel
    ) throws {
        let (local, remote) = pair()
        try inbound.addHandler(local, position: position)
        try upstream.pipeline.syncOperations.addHandler(remote)
    }

    func handlerAdded(context: ChannelHandlerContext) { self.context = context }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
        partner = nil
    }

    private func partnerWrite(_ data: ByteBuffer) { context?.write(wrapOutboundOut(data), promise: nil) }
    private func partnerFlush() { context?.flush() }
    private func partnerClose() { context?.close(promise: nil) }
    private var partnerWritable: Bool { context?.channel.isWritable ?? false }

    private func partnerBecameWritable() {
        if pendingRead {
            pendingRead = false
            context?.read()
        }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let partner = self.partner
        context.eventLoop.assertInEventLoop()
        partner?.forward(unwrapInboundIn(data))
    }

    private func forward(_ data: ByteBuffer) {
        guard let context else { return }
        context.eventLoop.execute { self.partnerWrite(data) }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        let partner = self.partner
        partner?.context?.eventLoop.execute { partner?.partnerFlush() }
    }

    func channelInactive(context: ChannelHandlerContext) {
        let partner = self.partner
        partner?.context?.eventLoop.execute { partner?.partnerClose() }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) { context.close(promise: nil) }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if context.channel.isWritable {
            let partner = self.partner
            partner?.context?.eventLoop.execute { partner?.partnerBecameWritable() }
        }
    }

    func read(context: ChannelHandlerContext) {
        if let partner, let partnerContext = partner.context, partnerContext.eventLoop.inEventLoop,
            !partner.partnerWritable
        {
            pendingRead = true
        } else {
            context.read()
        }
    }
}
