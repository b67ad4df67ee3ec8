import Crypto
import Foundation
import GatehouseCore
import GatehouseIdentity
import GatehouseMCP
import HTTPTypes
import Hummingbird
import NIOCore

/// The MCP endpoint, `/mcp` (the `default` profile) and `/mcp/PROFILE`: streamable HTTP of
/// protocol 2025-11-25 (sessions in a sealed `Mcp-Session-Id`, answers as JSON or an SSE stream,
/// the GET stream, resumption with `Last-Event-ID`, DELETE) and the stateless 2026-07-28
/// revision on the same URL. Every request is authenticated with a Gatehouse token (Gatehouse is
/// the OAuth resource server; the token never goes further); browsers' requests must come from
/// an allowed origin.
struct MCPRoutes: Sendable {
    let spine: Spine
    let runtime: MCPRuntime
    let sessions: MCPSessions
    let handles: SealedHandle

    static let sessionHeader = HTTPField.Name("Mcp-Session-Id")!
    static let versionHeader = HTTPField.Name("MCP-Protocol-Version")!
    static let lastEventHeader = HTTPField.Name("Last-Event-ID")!
    /// The most a message may weigh.
    static let bodyLimit = 4 << 20
    /// How long a session lives.
    static let sessionLifetime: Int64 = 24 * 3600 * 1_000_000

    func register(on router: Router<some RequestContext>) {
        for path in ["/mcp", "/mcp/:profile"] {
            router.post(RouterPath(path)) { request, context -> Response in
                try await handle(request, profile: context.parameters.get("profile") ?? "default") {
                    try await post($0, $1, $2)
                }
            }
            router.get(RouterPath(path)) { request, context -> Response in
                try await handle(request, profile: context.parameters.get("profile") ?? "default") {
                    try await listen($0, $1, $2)
                }
            }
            router.delete(RouterPath(path)) { request, context -> Response in
                try await handle(request, profile: context.parameters.get("profile") ?? "default") {
                    try await endSession($0, $1, $2)
                }
            }
        }
    }

    /// A name from a request as the audit trail may hold it: secrets redacted, at most 256
    /// characters (a longer one keeps its start and a hash of the whole).
    static func recordable(_ text: String) -> String {
        let clean = SecretScanner().redact(text).text
        guard clean.count > 256 else { return clean }
        return String(clean.prefix(200)) + "…sha256:" + Hex.encode(SHA256.hash(data: Data(clean.utf8))).prefix(16)
    }

    /// Tells every open GET stream when a server's tools, prompts or resources changed, so
    /// clients list again (each then sees only what its own policy allows).
    func forwardListChanges() async {
        let sessions = sessions
        await runtime.gateway.onListChanged { _, method in
            Task {
                for listener in await sessions.allListeners() {
                    listener.send(.notification(method: method, params: nil))
                }
            }
        }
    }

    /// The checks every request passes first: the origin, then the caller.
    private func handle(
        _ request: Request, profile: String, _ body: (Request, Caller, String) async throws -> Response
    ) async throws -> Response {
        if let refusal = try originRefusal(request) { return refusal }
        let caller: Caller
        do {
            caller = try await spine.authenticator.authenticate(
                authorization: request.headers[.authorization], nowMicros: WallClock.nowMicros())
        } catch let error as GatehouseError where error.code == .unauthenticated {
            try await spine.refuseUnidentified(
                action: AuditEvent.authenticateAction,
                resource: ActionKind.toolProfile.rawValue + " " + Self.recordable(profile),
                reason: error.message, traceID: TraceID.random())
            return try unauthorized(request, error.message)
        }
        return try await body(request, caller, profile)
    }

    /// 403 for a browser page of another origin (DNS rebinding, cross-site requests). Only the
    /// configuration says which origins are ours (`server.public_url`, `mcp.allowed_origins`);
    /// the Host header is not trusted, since a rebound page controls it too.
    private func originRefusal(_ request: Request) throws -> Response? {
        guard let origin = request.headers[.origin] else { return nil }
        let config = spine.config.loaded.config
        let own = config.server.publicURL.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }
        if origin == own || config.mcp.allowedOrigins.contains(origin) { return nil }
        return MCPResponse.error(
            .forbidden, RPCError(code: -32600, message: "the origin \(origin.prefix(100)) is not allowed"))
    }

    /// 401 with the challenge that points MCP clients at the protected-resource metadata.
    private func unauthorized(_ request: Request, _ message: String) throws -> Response {
        let base = (try? PublicURL.base(request, config: spine.config.loaded.config)) ?? ""
        var response = MCPResponse.error(.unauthorized, RPCError(code: -32001, message: message))
        response.headers[.wwwAuthenticate] =
            "Bearer resource_metadata=\"\(base)/.well-known/oauth-protected-resource\""
        return response
    }

    /// The session a request names, when it is valid and the caller's: 400 when missing, 404
    /// when unknown, ended, expired or someone else's (MCP: the client then starts anew).
    func session(_ request: Request, _ caller: Caller, profile: String) async -> MCPChecked<MCPSessionToken> {
        guard let text = request.headers[Self.sessionHeader] else {
            return .refused(MCPResponse.error(.badRequest, .invalidRequest("Mcp-Session-Id header is required")))
        }
        guard let token = sessions.opened.open(text, with: handles), token.principal == caller.principal.key,
            token.token == caller.token?.id, token.profile == profile,
            WallClock.nowMicros() - token.created < Self.sessionLifetime, !sessions.isEnded(token.nonce)
        else {
            return .refused(MCPResponse.error(.notFound, RPCError(code: -32001, message: "Session not found")))
        }
        if let version = request.headers[Self.versionHeader], !MCPSessionToken.versions.contains(version) {
            return .refused(
                MCPResponse.error(
                    .badRequest, .invalidRequest("unsupported MCP-Protocol-Version \(version.prefix(40))")))
        }
        return .ok(token)
    }

    /// The trace id of a request: its `traceparent`'s, else a new one.
    static func traceID(of request: Request) -> String {
        TraceID.from(traceparent: request.headers[HTTPField.Name("traceparent")!]) ?? TraceID.random()
    }

    /// The profile called `name`, or the 404 (a JSON-RPC error for request `id`) to answer.
    func profile(_ name: String, id: RPCID?) async -> MCPChecked<MCPProfile> {
        guard let profile = await runtime.gateway.settings.profiles[name] else {
            return .refused(
                MCPResponse.error(.notFound, .invalidParams("there is no MCP profile \(name.prefix(64))"), id: id))
        }
        return .ok(profile)
    }

    /// DELETE: ends the session.
    private func endSession(_ request: Request, _ caller: Caller, _ profile: String) async throws -> Response {
        switch await session(request, caller, profile: profile) {
        case .refused(let response): return response
        case .ok(let token):
            await sessions.end(token.nonce)
            return Response(status: .noContent)
        }
    }

    /// The message of a POST body, or the 400 to answer.
    static func message(of request: Request) async -> MCPChecked<RPCMessage> {
        var request = request
        guard let buffer = try? await request.collectBody(upTo: bodyLimit) else {
            return .refused(MCPResponse.error(.contentTooLarge, .invalidRequest("the message is over 4 MiB")))
        }
        do throws(RPCError) {
            return .ok(try RPCMessage.decode(Data(buffer.readableBytesView)))
        } catch {
            return .refused(MCPResponse.error(.badRequest, error))
        }
    }
}
