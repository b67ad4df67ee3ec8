import Foundation
import GatehouseCore
import GatehouseIdentity
import GatehouseMCP
import HTTPTypes
import Hummingbird
import NIOCore
import ServiceLifecycle
import Synchronization

/// POST: initialize, requests, notifications, and the client's answers to the server's requests.
extension MCPRoutes {
    func post(_ request: Request, _ caller: Caller, _ profile: String) async throws -> Response {
        let message: RPCMessage
        switch await Self.message(of: request) {
        case .refused(let response): return response
        case .ok(let decoded): message = decoded
        }
        if request.headers[Self.sessionHeader] == nil, Self.isStateless(message, request) {
            return try await stateless(message, request, caller, profile)
        }
        if case .request(let id, "initialize", let params) = message {
            return try await initialize(id, params, request, caller, profile)
        }
        let token: MCPSessionToken
        switch await session(request, caller, profile: profile) {
        case .refused(let response): return response
        case .ok(let opened): token = opened
        }
        switch message {
        case .notification(let method, let params):
            if method == "notifications/cancelled", let id = params?["requestId"].flatMap(RPCID.init) {
                sessions.calls.cancel(id, of: token.nonce)
            }
            return MCPResponse.accepted
        case .result(let id, let result):
            _ = await sessions.answer(id, of: token.nonce, with: .success(result))
            return MCPResponse.accepted
        case .error(let id, let error):
            if let id { _ = await sessions.answer(id, of: token.nonce, with: .failure(error)) }
            return MCPResponse.accepted
        case .request(let id, let method, let params):
            let mcpProfile: MCPProfile
            switch await self.profile(profile, id: id) {
            case .refused(let response): return response
            case .ok(let found): mcpProfile = found
            }
            let traceID = Self.traceID(of: request)
            let accept = request.headers[.accept] ?? ""
            // A call answers as an SSE stream when something may come before its result (the
            // client asked for progress, or can answer the server's own requests); otherwise
            // as plain JSON, which costs less.
            let streams = params?["_meta"]?["progressToken"] != nil || token.answers
            guard method == "tools/call", streams, accept.contains("text/event-stream") else {
                let context = MCPCallEnvironment(
                    caller: caller, profile: mcpProfile, answers: false, traceID: traceID, stream: nil,
                    nonce: token.nonce)
                guard Self.reachesServer(method) else {
                    return MCPResponse.json(await dispatch(id, method, params, context))
                }
                return MCPResponse.json(await cancellable(id, method, params, context, nonce: token.nonce))
            }
            return await streamedCall(id, params, caller: caller, profile: mcpProfile, token: token, traceID: traceID)
        }
    }

    /// Whether `method` is passed on to a tool server (and may take the server's time).
    static func reachesServer(_ method: String) -> Bool { serverMethods.contains(method) }

    private static let serverMethods: Set = ["tools/call", "prompts/get", "resources/read"]

    /// A request answered as plain JSON that reaches a tool server: it runs on a task tracked
    /// like a streamed call's, so the client's `notifications/cancelled` stops it (and the
    /// server is told) although no stream is open.
    private func cancellable(
        _ id: RPCID, _ method: String, _ params: JSONValue?, _ context: MCPCallEnvironment, nonce: String
    ) async -> RPCMessage {
        let answer = Mutex<RPCMessage?>(nil)
        let task = Task {
            let message = await dispatch(id, method, params, context)
            answer.withLock { $0 = message }
        }
        sessions.calls.started(id, of: nonce, task: task)
        await task.value
        sessions.calls.finished(id, of: nonce)
        return answer.withLock { $0 } ?? .error(id: id, error: .internalError("the request was cancelled"))
    }

    /// `initialize`: the profile must be granted (`tool.profile`, audited); the answer carries
    /// the sealed session id.
    private func initialize(
        _ id: RPCID, _ params: JSONValue?, _ request: Request, _ caller: Caller, _ profile: String
    ) async throws -> Response {
        if case .refused(let response) = await self.profile(profile, id: id) { return response }
        let spineRequest = Spine.Request(
            authorization: nil, traceparent: request.headers[HTTPField.Name("traceparent")!],
            action: Action(.toolProfile, resource: profile))
        do {
            try await spine.authorize(caller, spineRequest) { _, _ in }
        } catch let error as GatehouseError {
            return MCPResponse.error(.forbidden, .forbidden(error.message), id: id)
        }
        let capabilities = params?["capabilities"]
        let version = MCPSessionToken.negotiate(params?["protocolVersion"]?.stringValue)
        let token = MCPSessionToken(
            principal: caller.principal.key, token: caller.token?.id, profile: profile, version: version,
            answers: capabilities?["sampling"] != nil || capabilities?["elicitation"] != nil,
            nonce: MCPSessions.randomID() + MCPSessions.randomID(), created: WallClock.nowMicros())
        let result: JSONValue = [
            "protocolVersion": .string(version),
            "capabilities": Self.capabilities,
            "serverInfo": Self.serverInfo,
            "instructions": .string(
                "Gatehouse governs these tools: calls are checked against your organisation's policy, scanned for secrets and audited."
            ),
        ]
        var headers = HTTPFields()
        headers[Self.sessionHeader] = try handles.seal(token)
        return MCPResponse.json(.result(id: id, result: result), headers: headers)
    }

    static let capabilities: JSONValue = [
        "tools": ["listChanged": true], "prompts": ["listChanged": true], "resources": ["listChanged": true],
        "logging": [:], "completions": [:],
    ]

    static let serverInfo: JSONValue = ["name": "gatehouse", "title": "Gatehouse MCP gateway", "version": "0.1.0"]

    /// A `tools/call` answered as an SSE stream: progress and the server's own requests as they
    /// come, then the response. The call runs on its own task, so a dropped connection does not
    /// cancel it (the client resumes with `Last-Event-ID`); `notifications/cancelled` does.
    private func streamedCall(
        _ id: RPCID, _ params: JSONValue?, caller: Caller, profile: MCPProfile, token: MCPSessionToken,
        traceID: String
    ) async -> Response {
        let stream = await sessions.newStream(for: token.nonce)
        let context = MCPCallEnvironment(
            caller: caller, profile: profile, answers: token.answers, traceID: traceID, stream: stream,
            nonce: token.nonce)
        let sessions = sessions
        let task = Task {
            let answer = await dispatch(id, "tools/call", params, context)
            stream.send(answer)
            stream.finish()
            sessions.calls.finished(id, of: token.nonce)
        }
        sessions.calls.started(id, of: token.nonce, task: task)
        return Self.sse(stream, after: 0, priming: true)
    }

    /// An SSE response following `stream` from the event after `seq`.
    static func sse(_ stream: MCPEventStream, after seq: Int, priming: Bool) -> Response {
        let (events, stop) = stream.follow(after: seq)
        return Response(
            status: .ok,
            headers: [
                .contentType: "text/event-stream", .cacheControl: "no-cache",
                HTTPField.Name("X-Accel-Buffering")!: "no",
            ],
            body: ResponseBody { writer in
                if priming { try await writer.write(stream.priming) }
                // A stream can outlive any request (the GET stream does, by design): at shutdown
                // it ends, so the server can drain; the client resumes with Last-Event-ID.
                try await withGracefulShutdownHandler {
                    for await (seq, text) in events { try await writer.write(stream.frame(seq, text)) }
                } onGracefulShutdown: {
                    stop()
                }
                try await writer.finish(nil)
            })
    }

    /// GET: the session's stream of messages unrelated to a request (list changes), or, with
    /// `Last-Event-ID`, the rest of an earlier stream.
    func listen(_ request: Request, _ caller: Caller, _ profile: String) async throws -> Response {
        let token: MCPSessionToken
        switch await session(request, caller, profile: profile) {
        case .refused(let response): return response
        case .ok(let opened): token = opened
        }
        guard (request.headers[.accept] ?? "").contains("text/event-stream") else {
            return MCPResponse.error(.notAcceptable, .invalidRequest("GET needs Accept: text/event-stream"))
        }
        if let last = request.headers[Self.lastEventHeader] {
            let parts = last.split(separator: "-", maxSplits: 1).map(String.init)
            guard parts.count == 2, let seq = Int(parts[1]),
                let stream = await sessions.stream(parts[0], of: token.nonce)
            else {
                return MCPResponse.error(.notFound, .invalidRequest("no stream to resume from \(last.prefix(40))"))
            }
            return Self.sse(stream, after: seq, priming: false)
        }
        let listener = await sessions.listener(for: token.nonce)
        return Self.sse(listener, after: listener.latest, priming: true)
    }
}
