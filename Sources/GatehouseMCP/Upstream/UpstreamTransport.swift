/// How the gateway talks to one running tool server: messages out, messages in. The stdio
/// transport runs the server in a sandbox; the remote one speaks streamable HTTP.
public protocol UpstreamTransport: Sendable {
    /// Sends one message to the server.
    func send(_ message: RPCMessage) async throws
    /// Queues one message for the server without waiting, after every message posted before
    /// it; false when this transport cannot (then use ``send(_:)``). `undelivered` runs when
    /// the message never reaches the server.
    func post(_ message: RPCMessage, undelivered: @escaping @Sendable () -> Void) -> Bool
    /// Everything the server sends, in order; finishes when the server is gone.
    var incoming: AsyncStream<RPCMessage> { get }
    /// Stops the server (or ends the remote session) and waits until nothing is left of it.
    func close() async
    /// Why the connection ended, once it has (an exit status, a crash), for operators.
    var endReason: String? { get async }
}

extension UpstreamTransport {
    /// Transports that only send one message at a time: never.
    public func post(_ message: RPCMessage, undelivered: @escaping @Sendable () -> Void) -> Bool { false }
}
