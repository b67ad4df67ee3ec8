import Foundation
import GatehouseCore
import GatehouseMCP
import HTTPTypes
import Hummingbird
import NIOCore

/// The operators' side of the gateway, for `gatehouse mcp`: the servers and their load, a
/// profile's tools, one call, and catalog imports. Calls go through the same pipeline, policy
/// and audit as over `/mcp`.
extension MCPRoutes {
    struct ServerEntry: Encodable {
        let name: String
        let kind: String
        let title: String?
        let description: String?
        let sessions: Int
        let calls: Int
        let started: Int
    }

    struct ToolEntry: Encodable {
        let name: String
        let server: String
        let tool: String
        let description: String?
    }

    struct Listing: Encodable {
        let profile: String
        let tools: [ToolEntry]
        let unavailable: [String: String]
    }

    struct Imported: Encodable {
        let name: String
        let servers: Int
        let skipped: [String: String]
        let warnings: [String]
    }

    struct CallBody: Decodable {
        let server: String
        let tool: String
        let arguments: JSONValue?
        let profile: String?
    }

    struct CatalogBody: Decodable {
        let name: String
        let yaml: String
    }

    func registerAdmin(on router: Router<some RequestContext>) {
        let api = router.group("/api/v1/mcp")
        api.get("servers") { request, _ -> Response in
            try await spine.handle(AdminRoutes.spineRequest(request, .toolList, resource: "servers")) { _, _ in
                let load = await runtime.gateway.load()
                let servers = await runtime.gateway.settings.catalog.servers.map { server in
                    let kind =
                        switch server.kind {
                        case .command: "command"
                        case .image: "image"
                        case .remote: "remote"
                        }
                    let now = load[server.name]
                    return ServerEntry(
                        name: server.name, kind: kind, title: server.title, description: server.description,
                        sessions: now?.sessions ?? 0, calls: now?.calls ?? 0, started: now?.started ?? 0)
                }
                return JSONBody.response(["servers": servers])
            }
        }
        api.get("tools") { request, _ -> Response in
            let profile = request.uri.queryParameters.get("profile") ?? "default"
            return try await spine.handle(AdminRoutes.spineRequest(request, .toolProfile, resource: profile)) {
                caller, _ in
                let env = try await environment(caller, profile, request)
                let tools = try await spine.authorize(
                    caller,
                    Spine.Request(authorization: nil, traceparent: nil, action: Action(.toolList, resource: profile)),
                    traceID: env.traceID
                ) { _, _ in await runtime.gateway.tools(for: mcpCaller(env)) }
                let entries = tools.tools.map {
                    ToolEntry(
                        name: $0.exposedName, server: $0.server, tool: $0.tool,
                        description: $0.definition["description"]?.stringValue)
                }
                return JSONBody.response(Listing(profile: profile, tools: entries, unavailable: tools.unavailable))
            }
        }
        api.post("call") { request, _ -> Response in try await adminCall(request) }
        api.post("catalogs") { request, _ -> Response in try await importCatalog(request) }
    }

    private func environment(_ caller: Caller, _ profile: String, _ request: Request) async throws -> MCPCallEnvironment
    {
        guard let mcpProfile = await runtime.gateway.settings.profiles[profile] else {
            throw GatehouseError(.notFound, "there is no MCP profile \(profile.prefix(64))")
        }
        let traceID = Self.traceID(of: request)
        return MCPCallEnvironment(
            caller: caller, profile: mcpProfile, answers: false, traceID: traceID, stream: nil, nonce: nil)
    }

    /// The caller of an API request, before its body is read: a stranger is refused (and
    /// recorded) without Gatehouse reading what they sent.
    private func caller(of request: Request, action: ActionKind) async throws -> Caller {
        do {
            return try await spine.authenticator.authenticate(
                authorization: request.headers[.authorization], nowMicros: WallClock.nowMicros())
        } catch let error as GatehouseError where error.code == .unauthenticated {
            try await spine.refuseUnidentified(
                action: AuditEvent.authenticateAction, resource: action.rawValue, reason: error.message,
                traceID: TraceID.random())
            throw error
        }
    }

    private func adminCall(_ request: Request) async throws -> Response {
        let caller = try await caller(of: request, action: .toolCall)
        var request = request
        let body: CallBody
        do {
            let buffer = try await request.collectBody(upTo: Self.bodyLimit)
            body = try JSONDecoder().decode(CallBody.self, from: Data(buffer.readableBytesView))
        } catch {
            throw GatehouseError(.badRequest, "the body must be {\"server\": …, \"tool\": …, \"arguments\": {…}}")
        }
        let profile = body.profile ?? "default"
        return try await spine.authorize(caller, AdminRoutes.spineRequest(request, .toolProfile, resource: profile)) {
            caller, _ in
            let env = try await environment(caller, profile, request)
            guard let server = await runtime.gateway.settings.server(body.server) else {
                throw GatehouseError(.notFound, "the catalog has no server \(body.server.prefix(64))")
            }
            let params: JSONValue = [
                "name": .string(ExposedTool.name(server: server, tool: body.tool)), "arguments": body.arguments ?? [:],
            ]
            switch await dispatch(.integer(1), "tools/call", params, env) {
            case .result(_, let result): return JSONBody.response(["result": result])
            case .error(_, let error): throw Self.gatehouseError(error)
            default: throw GatehouseError(.internal, "the call gave no answer")
            }
        }
    }

    /// A JSON-RPC error as the API's error.
    static func gatehouseError(_ error: RPCError) -> GatehouseError {
        switch error.code {
        case -32001, -32003: GatehouseError(.forbidden, error.message)
        case -32602: GatehouseError(.badRequest, error.message)
        case -32601: GatehouseError(.notFound, error.message)
        default: GatehouseError(.unavailable, error.message)
        }
    }

    private func importCatalog(_ request: Request) async throws -> Response {
        let caller = try await caller(of: request, action: .toolCatalog)
        var request = request
        let body: CatalogBody
        do {
            let buffer = try await request.collectBody(upTo: Self.bodyLimit + 4096)
            body = try JSONDecoder().decode(CatalogBody.self, from: Data(buffer.readableBytesView))
        } catch {
            throw GatehouseError(.badRequest, "the body must be {\"name\": …, \"yaml\": …} of at most 4 MiB")
        }
        guard CatalogServer.isValidName(body.name) else {
            throw GatehouseError(.badRequest, "a catalog name is 1 to 63 lower-case letters, digits, '.', '_' or '-'")
        }
        var spineRequest = AdminRoutes.spineRequest(request, .toolCatalog, resource: body.name)
        spineRequest.payload = PayloadDigest(bytes: Data(body.yaml.utf8))
        return try await spine.authorize(caller, spineRequest) { _, _ in
            let catalog: MCPCatalog
            do throws(CatalogError) {
                catalog = try MCPCatalog.parse(yaml: body.yaml, file: body.name + ".yaml", options: .importing)
            } catch {
                throw GatehouseError(.badRequest, error.description)
            }
            let directory = MCPSettingsLoader.catalogDirectory(spine.config.loaded.config.mcp, dataDir: runtime.dataDir)
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            // Written whole and renamed into place: a reader sees the old file or the new one.
            let path = directory + "/" + body.name + ".yaml"
            try Data(body.yaml.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
            try await runtime.refresh(force: true)
            return JSONBody.response(
                Imported(
                    name: body.name, servers: catalog.servers.count, skipped: catalog.skipped,
                    warnings: catalog.warnings))
        }
    }
}
