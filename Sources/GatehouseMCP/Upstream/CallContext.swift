public import GatehouseCore

/// What a call needs from the client that made it, while it runs: where progress goes, and who
/// answers the server's own requests (sampling, elicitation, roots). The upstream session
/// relays them; nothing of the client (its token, its session) reaches the server.
public struct CallContext: Sendable {
    /// Receives `notifications/progress` params, the token already mapped back to the
    /// client's own.
    public var progress: @Sendable (JSONValue) async -> Void
    /// Answers a request the server sends during the call (`sampling/createMessage`,
    /// `elicitation/create`, `roots/list`); nil when the client cannot.
    public var serverRequest: (@Sendable (String, JSONValue?) async throws(RPCError) -> JSONValue)?
    /// Receives other notifications the server sends during the call (log messages).
    public var notification: @Sendable (String, JSONValue?) async -> Void

    /// Creates a context.
    public init(
        progress: @escaping @Sendable (JSONValue) async -> Void = { _ in },
        serverRequest: (@Sendable (String, JSONValue?) async throws(RPCError) -> JSONValue)? = nil,
        notification: @escaping @Sendable (String, JSONValue?) async -> Void = { _, _ in }
    ) {
        self.progress = progress
        self.serverRequest = serverRequest
        self.notification = notification
    }

    /// A context that relays nothing (operators' calls, listing).
    public static let none = CallContext()
}
