import Foundation
import GatehouseAgents
import GatehouseCore
import GatehouseStore
import HTTPTypes
import Hummingbird
import NIOCore
import Synchronization

/// Agent runs over the API, for `gatehouse agent run` (and any client of docker-agent's event
/// stream): start a run (`agent.run` on the agent), send it more messages, answer its questions
/// about tool calls, and list and read one's sessions (`agent.read` on `self`, or `*` for
/// everyone's). A turn's events stream as SSE, named as docker-agent names them; the turn's
/// record is written when it starts, and its outcome (state, tokens) when it ends.
struct AgentRoutes: Sendable {
    let spine: Spine
    let service: AgentService
    let store: any GatehouseStore

    /// How often a quiet stream gets a comment line.
    static let keepAliveInterval: Duration = .seconds(15)
    /// The marker of a keep-alive in the turn's events (no event type starts with a colon).
    static let keepAlive = AgentEvent(":keep-alive")

    /// The largest start request (the agent file is at most 1 MiB).
    static let bodyLimit = 2 << 20

    func register(on router: Router<some RequestContext>) {
        let sessions = router.group("/api/v1/agents/sessions")
        sessions.post { request, _ in try await start(request) }
        sessions.post(":id/messages") { request, context in
            try await message(request, id: context.parameters.get("id") ?? "")
        }
        sessions.post(":id/resume") { request, context in
            try await resume(request, id: context.parameters.get("id") ?? "")
        }
        sessions.get { request, _ in try await list(request) }
        sessions.get(":id") { request, context in try await show(request, id: context.parameters.get("id") ?? "") }
    }

    private func start(_ request: Request) async throws -> Response {
        let identity = try await identify(request)
        let body: AgentRunRequest = try await Self.decode(request)
        let file = try body.parsedFile()
        let config = spine.config.loaded.config
        let (agent, workspace) = try body.checked(file, workspaceRoots: config.sandbox.workspaceRoots)
        var spineRequest = AdminRoutes.spineRequest(request, .agentRun, resource: agent)
        spineRequest.payload = PayloadDigest(bytes: Data(body.file.utf8))
        let service = service
        let started = try await spine.authorize(
            identity.caller, spineRequest, started: identity.started, traceID: identity.traceID,
            outcome: { (started: Started) in
                "ok session=\(started.live.session.id) file=\(started.live.fileName) streaming"
            },
            perform: { caller, _ in
                let live = service.start(
                    body, file: file, agent: agent, workspace: workspace, caller: caller, traceID: identity.traceID)
                return Started(live: live, turn: try Self.begin(live))
            })
        return stream(
            started.live, started.turn, message: body.message, caller: identity.caller, traceID: identity.traceID)
    }

    private func message(_ request: Request, id: String) async throws -> Response {
        let identity = try await identify(request)
        struct Body: Decodable { var message: String }
        let body: Body = try await Self.decode(request)
        guard !body.message.isEmpty, body.message.utf8.count <= 256 * 1024 else {
            throw GatehouseError(.badRequest, "message must be 1 byte to 256 KiB")
        }
        guard let live = service.live(id, owner: identity.caller.principal.key) else {
            throw GatehouseError(.notFound, "no running session \(id.prefix(40)) of yours; start a new run")
        }
        guard !live.isBusy else {
            throw GatehouseError(.conflict, "the session is answering another message; wait for it to finish")
        }
        var spineRequest = AdminRoutes.spineRequest(request, .agentRun, resource: live.session.agent)
        spineRequest.payload = PayloadDigest(parameters: ["session": id])
        // The turn begins inside the decision: of two messages sent at once, one streams and
        // the other is a 409, recorded as such.
        let turn = try await spine.authorize(
            identity.caller, spineRequest, started: identity.started, traceID: identity.traceID,
            outcome: { (_: Turn) in "ok session=\(id) streaming" }, perform: { _, _ in try Self.begin(live) })
        return stream(live, turn, message: body.message, caller: identity.caller, traceID: identity.traceID)
    }

    /// A run started, with its first turn begun.
    struct Started: Sendable {
        let live: LiveRun
        let turn: Turn
    }

    /// A turn's events and where they are sent.
    struct Turn: Sendable {
        let events: AsyncStream<AgentEvent>
        let sink: AsyncStream<AgentEvent>.Continuation
    }

    /// Begins a turn of `live`; a conflict when one is running.
    static func begin(_ live: LiveRun) throws -> Turn {
        let (events, sink) = AsyncStream.makeStream(of: AgentEvent.self)
        guard live.begin(sink) else {
            throw GatehouseError(.conflict, "the session is answering another message; wait for it to finish")
        }
        return Turn(events: events, sink: sink)
    }

    /// The turn's events as SSE; a client that goes away (or a server shutting down) cancels it.
    private func stream(_ live: LiveRun, _ begun: Turn, message: String, caller: Caller, traceID: String) -> Response {
        let service = service
        let spine = spine
        let agent = live.session.agent
        let headers: HTTPFields = [
            .contentType: "text/event-stream", .cacheControl: "no-cache",
            HTTPField.Name("X-Gatehouse-Session")!: live.session.id,
        ]
        return Response(
            status: .ok, headers: headers,
            body: ResponseBody { writer in
                let events = begun.events
                let sink = begun.sink
                let turn = Task { try await service.turn(live, message: message, sink: sink) }
                // A comment line every 15 seconds while the turn is quiet (a model loading, a long
                // tool call), so proxies and clients do not take the stream for dead.
                let heartbeat = Task {
                    while !Task.isCancelled {
                        try await Task.sleep(for: Self.keepAliveInterval)
                        sink.yield(Self.keepAlive)
                    }
                }
                await withTaskCancellationHandler {
                    do {
                        for await event in events {
                            let text = event.type == Self.keepAlive.type ? ": keep-alive\n\n" : event.sse
                            try await writer.write(ByteBuffer(string: text))
                        }
                        try await writer.finish(nil)
                    } catch {
                        turn.cancel()
                    }
                } onCancel: {
                    turn.cancel()
                }
                heartbeat.cancel()
                if let after = try? await turn.value {
                    // The whole run's use, delegated sessions included (each call has its own record too).
                    let budget = live.runner.withLock { $0?.budget }
                    let tokens = await budget?.tokens ?? 0
                    let cost = await budget?.costMicros ?? 0
                    try? await spine.recordFinished(
                        caller.principal, action: .agentRun, resource: agent, rule: "agent-run",
                        outcome: "\(after.state) session=\(after.id) run_tokens=\(tokens) run_cost_micros=\(cost)",
                        traceID: traceID)
                }
            })
    }

    private func resume(_ request: Request, id: String) async throws -> Response {
        struct Body: Decodable {
            var confirmation: String
            var reason: String?
        }
        let identity = try await identify(request)
        let body: Body = try await Self.decode(request)
        let answer: Confirmation
        switch body.confirmation {
        case "approve": answer = .approve
        case "approve-session": answer = .approveSession
        case "approve-tool": answer = .approveTool
        case "reject": answer = .reject(String((body.reason ?? "no reason given").prefix(500)))
        default:
            throw GatehouseError(
                .badRequest, "confirmation must be approve, approve-session, approve-tool or reject")
        }
        guard let live = service.live(id, owner: identity.caller.principal.key) else {
            throw GatehouseError(.notFound, "no running session \(id.prefix(40)) of yours")
        }
        var spineRequest = AdminRoutes.spineRequest(request, .agentRun, resource: live.session.agent)
        spineRequest.payload = PayloadDigest(parameters: ["session": id, "confirmation": body.confirmation])
        return try await spine.authorize(
            identity.caller, spineRequest, started: identity.started, traceID: identity.traceID
        ) { _, _ in
            guard live.answer(answer) else {
                throw GatehouseError(.conflict, "the session is not waiting for an answer")
            }
            return JSONBody.response(["message": "session resumed"])
        }
    }

    private func identify(_ request: Request) async throws -> Spine.Identified {
        try await spine.identified(request, .agentRun)
    }

    static func decode<T: Decodable>(_ request: Request) async throws -> T {
        var request = request
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: bodyLimit)
        } catch {
            throw GatehouseError(.payloadTooLarge, "the request body must be JSON of at most \(bodyLimit >> 20) MiB")
        }
        do {
            return try JSONDecoder().decode(T.self, from: Data(buffer.readableBytesView))
        } catch {
            throw GatehouseError(
                .badRequest, "the request body is not the JSON this route takes (\(Self.field(of: error)))")
        }
    }

    private static func field(of error: any Error) -> String {
        switch error as? DecodingError {
        case .keyNotFound(let key, _)?: "missing \(key.stringValue)"
        case .typeMismatch(_, let context)?, .valueNotFound(_, let context)?:
            "wrong type at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        default: "invalid JSON"
        }
    }
}
