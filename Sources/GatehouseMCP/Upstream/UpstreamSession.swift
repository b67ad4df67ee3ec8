import Foundation
public import GatehouseCore

/// One initialized MCP session with a tool server. Requests get ids of the gateway's own, so
/// ids of different clients never collide on the server; responses, progress and the server's
/// own requests are routed back to the call they belong to.
public actor UpstreamSession {
    /// The catalog name of the server.
    public nonisolated let server: String
    let transport: any UpstreamTransport
    /// Requests waiting for their answers: registered by the calling task and resolved by the
    /// reading task, neither of them on this actor.
    nonisolated let calls = UpstreamCalls()
    private var reader: Task<Void, Never>?
    /// The server's `initialize` result.
    public private(set) var initializeResult: JSONValue?
    /// Told when the server says its tools, prompts or resources changed.
    private let listChanged: @Sendable (String) -> Void
    /// For transports that cannot post (remote HTTP), everything for the server goes through
    /// one queue and one writer, in order: a `notifications/cancelled` never overtakes the
    /// request it cancels. Each message travels with the trace context of the call that
    /// queued it (the writer is a task of its own, so it would not see the caller's).
    private nonisolated let outbound: AsyncStream<Outbound>.Continuation
    private let outboundQueue: AsyncStream<Outbound>
    private var writer: Task<Void, Never>?

    struct Outbound: Sendable {
        let message: RPCMessage
        let traceparent: String?
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

    /// Whether the server is still there.
    public nonisolated var alive: Bool { calls.alive }

    /// How many requests are waiting for an answer.
    public nonisolated var inFlight: Int { calls.inFlight }

    /// Sends `message` to the server, after everything sent before it: posted straight to a
    /// transport that can, else queued for the writer. `id` names the request it is, if any.
    private nonisolated func enqueue(_ message: RPCMessage, request id: RPCID? = nil) {
        let posted = transport.post(message) { [weak self] in
            guard let self, let id else { return }
            // Never from inside the poster's lock: the call is failed from a task of its own.
            Task { self.undelivered(id) }
        }
        if !posted { outbound.yield(Outbound(message: message, traceparent: OutgoingTrace.traceparent)) }
    }

    /// Starts reading, then runs the handshake: `initialize`, then `notifications/initialized`.
    public func initialize(timeout: Duration) async throws(RPCError) {
        reader = startReading()
        writer = Task { [transport, outboundQueue] in
            for await outbound in outboundQueue {
                do {
                    try await OutgoingTrace.$traceparent.withValue(outbound.traceparent) {
                        try await transport.send(outbound.message)
                    }
                } catch {
                    if case .request(let id, _, _) = outbound.message { self.undelivered(id) }
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

    /// The reading task, on no actor: answers resolve their calls directly; notifications
    /// and the server's own requests go through the actor, in order.
    private nonisolated func startReading() -> Task<Void, Never> {
        Task { [transport, calls] in
            for await message in transport.incoming {
                switch message {
                case .result(let id, let result): calls.resolve(id, with: .success(result))
                case .error(let id?, let error): calls.resolve(id, with: .failure(error))
                case .error(nil, _): break
                case .notification, .request: await self.receive(message)
                }
            }
            await self.ended()
        }
    }

    /// The server's capabilities.
    public var capabilities: JSONValue { initializeResult?["capabilities"] ?? [:] }

    /// Sends a request and waits for its result. Cancelling the task sends
    /// `notifications/cancelled` to the server; the time limit does the same.
    public nonisolated func request(_ method: String, params: JSONValue?, context: CallContext, timeout: Duration)
        async throws(RPCError) -> JSONValue
    {
        guard calls.alive else { throw .undelivered("the \(server) tool server has stopped") }
        let id = calls.nextID()
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
                    let pending = UpstreamCalls.Pending(
                        continuation: continuation, context: context, progressToken: clientToken, started: .now)
                    calls.register(id, pending) { enqueue(message, request: id) }
                    // A task cancelled before it got here ran the handler below too early.
                    if Task.isCancelled { abandon(id, error: .internalError("the request was cancelled")) }
                }
            } onCancel: {
                self.abandon(id, error: .internalError("the request was cancelled"))
            }
        } catch let error as RPCError {
            throw error
        } catch {
            throw .internalError("the \(server) tool server failed: \(error)")
        }
    }

    /// The request never reached the server (it is gone): the session is dead, and the call
    /// may safely be tried on another.
    private nonisolated func undelivered(_ id: RPCID) {
        calls.markDead()
        calls.resolve(id, with: .failure(.undelivered("the \(server) tool server is not reading")))
    }

    /// Sends a notification.
    public func notify(_ method: String, params: JSONValue?) async {
        enqueue(.notification(method: method, params: params))
    }

    /// Gives up on request `id`: the waiting call gets `error`, and the server is told to
    /// stop working on it.
    private nonisolated func abandon(_ id: RPCID, error: RPCError) {
        guard calls.resolve(id, with: .failure(error)) else { return }
        let params: JSONValue = ["requestId": id.json, "reason": .string(error.message)]
        enqueue(.notification(method: "notifications/cancelled", params: params))
    }

    private func receive(_ message: RPCMessage) async {
        switch message {
        case .result, .error:
            break
        case .notification(let method, let params):
            await route(notification: method, params: params)
        case .request(let id, let method, let params):
            let context = calls.oldestAnswering()
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
            guard let token = params?["progressToken"].flatMap(RPCID.init), let entry = calls.pending(token),
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
            guard let entry = calls.onlyPending() else { return }
            await entry.context.notification(method, params)
        }
    }

    private func ended() async {
        let reason = await transport.endReason ?? "it stopped"
        calls.end(
            reason: "the \(server) tool server stopped: \(reason)",
            error: .internalError("the \(server) tool server stopped: \(reason)"))
    }

    /// Closes the transport (stopping the server) and waits for it.
    public func close() async {
        calls.markDead()
        outbound.finish()
        await transport.close()
        await reader?.value
        await writer?.value
    }
}
