import Foundation
import GatehouseCore
import GatehouseMCP
import Synchronization
import Tracing

/// Who a request is for and where its side messages go.
struct MCPCallEnvironment: Sendable {
    let caller: Caller
    let profile: MCPProfile
    /// Whether the client can answer the server's own requests on `stream`.
    let answers: Bool
    let traceID: String
    /// The SSE stream of this request, when answered as one.
    let stream: MCPEventStream?
    /// The session, when there is one.
    let nonce: String?
}

/// The methods: each decided by the policy through the spine, and recorded.
extension MCPRoutes {
    func dispatch(_ id: RPCID, _ method: String, _ params: JSONValue?, _ env: MCPCallEnvironment) async
        -> RPCMessage
    {
        do {
            return .result(id: id, result: try await answer(method, params, env))
        } catch let error as RPCError {
            return .error(id: id, error: error)
        } catch let error as GatehouseError {
            let code: Int64 = error.code == .forbidden ? -32001 : (error.code == .badRequest ? -32602 : -32603)
            return .error(id: id, error: RPCError(code: code, message: error.message))
        } catch {
            return .error(id: id, error: .internalError("the request failed"))
        }
    }

    private func answer(_ method: String, _ params: JSONValue?, _ env: MCPCallEnvironment) async throws -> JSONValue {
        let gateway = runtime.gateway
        let caller = mcpCaller(env)
        switch method {
        case "ping":
            return [:]
        case "tools/list":
            let tools = try await authorized(.toolList, env.profile.name, env) {
                await gateway.listedTools(for: caller)
            }
            return ["tools": .array(tools)]
        case "tools/call":
            return try await callTool(params, env)
        case "prompts/list":
            let prompts = try await authorized(.toolList, env.profile.name, env) { await gateway.prompts(for: caller) }
            return ["prompts": .array(prompts.map(\.definition))]
        case "prompts/get":
            guard let name = params?["name"]?.stringValue else {
                throw RPCError.invalidParams("prompts/get needs a name")
            }
            let prompt = try await gateway.resolvePrompt(name, for: caller)
            return try await authorized(
                .toolCall, "\(prompt.server)/prompt:\(prompt.prompt)", env,
                payload: PayloadDigest(json: params?["arguments"] ?? [:])
            ) {
                try await gateway.getPrompt(prompt, arguments: params?["arguments"])
            }
        case "resources/list", "resources/templates/list":
            let templates = method == "resources/templates/list"
            let listed = try await authorized(.toolList, env.profile.name, env) {
                await gateway.resources(for: caller, templates: templates)
            }
            return [templates ? "resourceTemplates" : "resources": .array(listed.map(\.definition))]
        case "resources/read":
            guard let uri = params?["uri"]?.stringValue else {
                throw RPCError.invalidParams("resources/read needs a uri")
            }
            let server = try await gateway.server(forResource: uri, caller: caller)
            return try await authorized(.toolCall, "\(server)/resource:" + Self.recordable(uri), env) {
                try await gateway.readResource(uri, server: server)
            }
        case "logging/setLevel", "resources/subscribe", "resources/unsubscribe":
            return [:]
        case "completion/complete":
            return ["completion": ["values": [], "hasMore": false]]
        default:
            throw RPCError.methodNotFound(method)
        }
    }

    /// The gateway's view of the caller: the profile, and the policy's answer per tool
    /// (decided without a record: listing is recorded once, as `tool.list`).
    func mcpCaller(_ env: MCPCallEnvironment) -> MCPCaller {
        let policy = spine.config.policy
        let principal = env.caller.principal
        let scopes = env.caller.scopes
        return MCPCaller(profile: env.profile, answersServerRequests: env.answers) { resource in
            policy.decide(principal, Action(.toolCall, resource: resource), scopes: scopes).isAllowed
        }
    }

    /// `body` decided and recorded as `kind` on `resource`. A ``ToolRefusal`` from the gateway
    /// (a secret in a prompt's arguments or a resource's URI) is recorded as that rule's denial
    /// and reaches the client as its MCP error.
    private func authorized<T: Sendable>(
        _ kind: ActionKind, _ resource: String, _ env: MCPCallEnvironment, payload: PayloadDigest? = nil,
        _ body: () async throws -> T
    ) async throws -> T {
        let request = Spine.Request(
            authorization: nil, traceparent: nil, action: Action(kind, resource: resource), payload: payload)
        let refused = Mutex<RPCError?>(nil)
        do {
            return try await spine.authorize(env.caller, request, traceID: env.traceID) { _, _ in
                try await Self.refusalForSpine(refused, body)
            }
        } catch {
            if let rpc = refused.withLock({ $0 }) { throw rpc }
            throw error
        }
    }

    /// Runs `body`; a ``ToolRefusal`` from the gateway becomes the ``Spine/Refusal`` the spine
    /// records as that rule's denial, and its MCP error is kept in `refused` for the client.
    private static func refusalForSpine<T>(_ refused: borrowing Mutex<RPCError?>, _ body: () async throws -> T)
        async throws
        -> T
    {
        do {
            return try await body()
        } catch let refusal as ToolRefusal {
            refused.withLock { $0 = refusal.error }
            throw Spine.Refusal(rule: refusal.rule, reason: refusal.reason)
        }
    }

    /// `tools/call`, through the gateway's pipeline; the meta-tools search and call within the
    /// caller's own tools.
    private func callTool(_ params: JSONValue?, _ env: MCPCallEnvironment) async throws -> JSONValue {
        guard let name = params?["name"]?.stringValue else { throw RPCError.invalidParams("tools/call needs a name") }
        let arguments = params?["arguments"]
        if let arguments, arguments.objectValue == nil { throw RPCError.invalidParams("arguments must be an object") }
        let gateway = runtime.gateway
        let caller = mcpCaller(env)
        if name == MetaTools.find {
            let query = arguments?["query"]?.stringValue ?? ""
            let limit = Int(arguments?["limit"]?.intValue ?? 10)
            let found = try await authorized(.toolList, env.profile.name, env) {
                MetaTools.search(query, in: await gateway.tools(for: caller).tools, limit: max(1, min(limit, 50)))
            }
            return MetaTools.result(found)
        }
        if name == MetaTools.call {
            guard let inner = arguments?["name"]?.stringValue, inner != MetaTools.call else {
                throw RPCError.invalidParams("gatehouse__call_tool needs the name of a tool")
            }
            var forwarded: JSONValue = ["name": .string(inner), "arguments": arguments?["arguments"] ?? [:]]
            if let meta = params?["_meta"] { forwarded["_meta"] = meta }
            return try await callTool(forwarded, env)
        }
        let tool: ExposedTool
        do {
            tool = try await gateway.resolveTool(name, for: caller)
        } catch let refusal as ToolRefusal {
            try await spine.refuse(
                env.caller.principal, action: .toolCall, resource: Self.recordable(name), reason: refusal.reason,
                rule: refusal.rule, traceID: env.traceID)
            throw refusal.error
        }
        let refused = Mutex<RPCError?>(nil)
        let request = Spine.Request(
            authorization: nil, traceparent: nil, action: Action(.toolCall, resource: tool.resource),
            payload: PayloadDigest(json: arguments ?? [:]))
        // The record's outcome names the result's size (and what was redacted from it).
        let described = { (outcome: CallOutcome) in
            "ok result_bytes=\(outcome.resultBytes)"
                + (outcome.redacted.isEmpty ? "" : " redacted=" + outcome.redacted.joined(separator: ","))
        }
        let perform = { (_: Caller, _: Decision) async throws -> CallOutcome in
            try await Self.refusalForSpine(refused) {
                try await spine.telemetry.span("mcp.tool_call", kind: .client) { note in
                    note.set("gatehouse.mcp.server", tool.server)
                    note.set("gatehouse.mcp.tool", tool.resource)
                    return try await gateway.call(
                        tool, arguments: arguments, meta: params?["_meta"], caller: caller, context: context(env))
                }
            }
        }
        do {
            let outcome = try await spine.authorize(
                env.caller, request, traceID: env.traceID, outcome: described, perform: perform)
            ToolCallMetrics.record(server: tool.server, outcome: "ok")
            return outcome.result
        } catch {
            let rpc = refused.withLock({ $0 })
            ToolCallMetrics.record(
                server: tool.server, outcome: rpc != nil ? "refused" : ToolCallMetrics.outcome(of: error))
            if let rpc { throw rpc }
            throw error
        }
    }

    /// Where a call's progress, log messages and the server's own requests go: onto the
    /// request's SSE stream; the server's requests only when the client can answer them.
    private func context(_ env: MCPCallEnvironment) -> CallContext {
        guard let stream = env.stream else { return .none }
        let sessions = sessions
        let answer: (@Sendable (String, JSONValue?) async throws(RPCError) -> JSONValue)?
        if env.answers, let nonce = env.nonce {
            answer = { method, params throws(RPCError) in
                do {
                    return try await sessions.ask(method, params: params, on: stream, for: nonce)
                } catch let error as RPCError {
                    throw error
                } catch {
                    throw RPCError.internalError("the client did not answer \(method)")
                }
            }
        } else {
            answer = nil
        }
        return CallContext(
            progress: { stream.send(.notification(method: "notifications/progress", params: $0)) },
            serverRequest: answer,
            notification: { method, params in stream.send(.notification(method: method, params: params)) })
    }
}
