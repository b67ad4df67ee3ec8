import Foundation
public import GatehouseCore

/// One initialized MCP session with a tool server. Requests get ids of the gateway's own, so
/// ids of different clients never collide on the server; responses, progress and the server's
/// own requests are routed back to the call they belong to.
public actor UpstreamSession {
    /// The catalog name of the server.
    public nonisolated let server: String
    let transport: any UpstreamTransport
    private var nextID: Int64 = 1
    private var pending: [RPCID: Pending] = [:]
    private var reader: Task<Void, Never>?
    /// The server's `initialize` result.
    public private(set) var initializeResult: JSONValue?
    /// Whether the server is still there.
    public private(set) var alive = true
    /// Told when the server says its tools, prompts or resources changed.
    private let listChanged: @Sendable (String) -> Void
    /// Everything for the server goes through one queue and one writer, in order: a
    /// `notifications/cancelled` never overtakes the request it cancels.
    /// Each message travels with the trace context of the call that queued it (the writer is
    /// a task of its own, so it would not see the caller's).
    private let outbound: AsyncStream<Outbound>.Continuation
    private let outboundQueue: AsyncStream<Outbound>
    private var writer: Task<Void, Never>?

    struct Outbound: Sendable {
        let message: RPCMessage
        let traceparent: String?
    }

    struct Pending {
        let continuation: CheckedContinuation<JSONValue, any Error>
        let context: CallContext
        let progressToken: JSONValue?
        let started: ContinuousClock.Instant
    }

    /// The protocol version the gateway speaks to servers.
    public static let protocolVersion = "2025-11-25"

    /// Wraps a connected transport; call `initialize` next.
    public init(server: String, transport: any UpstreamTransport, listChanged: @escaping @Sendable (String) -> Void) {
        self.server = server
        self.transport = transport
        self.listChanged = listChanged
        (outboundQueue, outbound) = AsyncStream.makeStream(of: Outbound.self)
    }

    /// Queues `message` for the server.
    private nonisolated func enqueue(_ message: RPCMessage) {
        outbound.yield(Outbound(message: message, traceparent: OutgoingTrace.traceparent))
    }

    /// Starts reading, then runs the handshake: `initialize`, then `notifications/initialized`.
    public func initialize(timeout: Duration) async throws(RPCError) {
        reader = Task { [transport] in
            for await message in transport.incoming { await self.receive(message) }
            await self.ended()
        }
        writer = Task { [transport, outboundQueue] in
            for await outbound in outboundQueue {
                do {
                    try await OutgoingTrace.$traceparent.withValue(outbound.traceparent) {
                        try await transport.send(outbound.message)
                    }
                } catch {
                    if case .request(let id, _, _) = outbound.message { await self.undelivered(id) }
                }
            }
        }
        let params: JSONValue = [
            "protocolVersion": .string(Self.protocolVersion),
            "capabilities": ["sampling": [:], "elicitation": ["form": [:], "url": [:]], "roots": [:]],
            "clientInfo": ["name": "gatehouse", "version": "0.1.0"],
        ]
        initializeResult = try await request("initialize", params: params, context: .none, timeout: timeout)
        enqueue(.notification(method: "notifications/initialized", params: nil))
    }

    /// The server's capabilities.
    public var capabilities: JSONValue { initializeResult?["capabilities"] ?? [:] }

    /// How many requests are waiting for an answer.
    public var inFlight: Int { pending.count }

    /// Sends a request and waits for its result. Cancelling the task sends
    /// `notifications/cancelled` to the server; the time limit does the same.
    public func request(_ method: String, params: JSONValue?, context: CallContext, timeout: Duration)
        async throws(RPCError) -> JSONValue
    {
        guard alive else { throw .undelivered("the \(server) tool server has stopped") }
        let id = RPCID.integer(nextID)
        nextID += 1
        var params = params
        // A progress token of the client's is replaced by one of ours (the id), mapped back
        // when progress comes.
        let clientToken = params?["_meta"]?["progressToken"]
        if clientToken != nil { params?["_meta"]?["progressToken"] = id.json }
        let message = RPCMessage.request(id: id, method: method, params: params)
        let timer = Task { [server] in
            try? await Task.sleep(for: timeout)
            if !Task.isCancelled {
                self.abandon(id, error: .timeout("the \(server) tool server did not answer \(method) in time"))
            }
        }
        defer { timer.cancel() }
        do {
            return try await withTaskCancellationHandler {
                try await withCheckedThrowingContinuation { continuation in
                    pending[id] = Pending(
                        continuation: continuation, context: context, progressToken: clientToken, started: .now)
                    enqueue(message)
                }
            } onCancel: {
                Task { await self.abandon(id, error: .internalError("the request was cancelled")) }
            }
        } catch let error as RPCError {
            throw error
        } catch {
            throw .internalError("the \(server) tool server failed: \(error)")
        }
    }

    /// The request never reached the server (it is gone): the session is dead, and the call
    /// may safely be tried on another.
    private func undelivered(_ id: RPCID) {
        alive = false
        guard let entry = pending.removeValue(forKey: id) else { return }
        entry.continuation.resume(throwing: RPCError.undelivered("the \(server) tool server is not reading"))
    }

    /// Sends a notification.
    public func notify(_ method: String, params: JSONValue?) async {
        enqueue(.notification(method: method, params: params))
    }

    /// Gives up on request `id`: the waiting call gets `error`, and the server is told to
    /// stop working on it.
    private func abandon(_ id: RPCID, error: RPCError) {
        guard let entry = pending.removeValue(forKey: id) else { return }
        entry.continuation.resume(throwing: error)
        let params: JSONValue = ["requestId": id.json, "reason": .string(error.message)]
        enqueue(.notification(method: "notifications/cancelled", params: params))
    }

    private func receive(_ message: RPCMessage) async {
        switch message {
        case .result(let id, let result):
            pending.removeValue(forKey: id)?.continuation.resume(returning: result)
        case .error(let id?, let error):
            pending.removeValue(forKey: id)?.continuation.resume(throwing: error)
        case .error(nil, _):
            break
        case .notification(let method, let params):
            await route(notification: method, params: params)
        case .request(let id, let method, let params):
            let context = pending.values.sorted { $0.started < $1.started }.first { $0.context.serverRequest != nil }?
                .context
            Task {
                let reply: RPCMessage
                do throws(RPCError) {
                    reply = .result(id: id, result: try await Self.answer(method, params, context: context))
                } catch {
                    reply = .error(id: id, error: error)
                }
                self.enqueue(reply)
            }
        }
    }

    private static func answer(_ method: String, _ params: JSONValue?, context: CallContext?) async throws(RPCError)
        -> JSONValue
    {
        if method == "ping" { return [:] }
        guard let handler = context?.serverRequest else {
            if method == "roots/list" { return ["roots": []] }
            throw RPCError(code: -32601, message: "the client of this call cannot answer \(method)")
        }
        return try await handler(method, params)
    }

    private func route(notification method: String, params: JSONValue?) async {
        switch method {
        case "notifications/progress":
            guard let token = params?["progressToken"].flatMap(RPCID.init), let entry = pending[token],
                let clientToken = entry.progressToken
            else { return }
            var mapped = params ?? [:]
            mapped["progressToken"] = clientToken
            await entry.context.progress(mapped)
        case "notifications/tools/list_changed", "notifications/prompts/list_changed",
            "notifications/resources/list_changed":
            listChanged(method)
        default:
            // Log messages and the like name no call: they go to the call in flight only when
            // there is exactly one, never to several callers who may be different people.
            guard pending.count == 1, let entry = pending.values.first else { return }
            await entry.context.notification(method, params)
        }
    }

    private func ended() async {
        alive = false
        let reason = await transport.endReason ?? "it stopped"
        for entry in pending.values {
            entry.continuation.resume(throwing: RPCError.internalError("the \(server) tool server stopped: \(reason)"))
        }
        pending = [:]
    }

    /// Closes the transport (stopping the server) and waits for it.
    public func close() async {
        alive = false
        outbound.finish()
        await transport.close()
        await reader?.value
        await writer?.value
    }
}
