import Foundation
import GatehouseAgents
import GatehouseCore
import GatehouseMCP
import GatehouseSandbox

/// The tool servers an agent file brings itself (`mcp` toolsets with a `command` or a
/// `remote` URL): run by a gateway of the run's own, with the catalog's launcher (a sandbox
/// with no network for a command; streamable HTTP for a remote), interceptors and secret scans.
/// Before one is used, the policy decides it for the run's caller and the decision is recorded:
/// a command is `sandbox.start` on the backend, a remote URL `egress.connect` on its
/// `host:port` (the server reaches it, so nobody may aim it at what they could not reach).
/// Calls are `tool.call` on `agent-NAME/TOOL`. The gateway stops at the end of every turn.
actor OwnServers {
    private let runtime: MCPRuntime
    private let spine: Spine
    private let caller: Caller
    private let traceID: String
    private let manager: SandboxManager
    private var gateway: MCPGateway?
    private var servers: [String: CatalogServer] = [:]
    private var decided: Set<String> = []

    init(runtime: MCPRuntime, spine: Spine, caller: Caller, traceID: String, manager: SandboxManager) {
        self.runtime = runtime
        self.spine = spine
        self.caller = caller
        self.traceID = traceID
        self.manager = manager
    }

    /// The gateway serving `toolset` (decided for the caller once), and its server's name.
    func serve(_ toolset: ToolsetDefinition, named name: String) async throws -> (MCPGateway, String) {
        let server = try Self.server(toolset, named: name)
        if !decided.contains(server.name) {
            try await decide(server)
            decided.insert(server.name)
        }
        if servers[server.name] != server {
            servers[server.name] = server
            if let gateway {
                let current = await gateway.settings
                var catalog = current.catalog
                catalog.servers = Array(servers.values)
                await gateway.reload(
                    GatewaySettings(
                        catalog: catalog, profiles: [], pool: current.pool, resultScan: current.resultScan,
                        interceptors: current.interceptors))
            }
        }
        if let gateway { return (gateway, server.name) }
        let made = await runtime.privateGateway(for: Array(servers.values))
        gateway = made
        return (made, server.name)
    }

    /// Stops every server of the run (a next turn starts them again).
    func stop() async {
        let running = gateway
        gateway = nil
        await running?.shutdown()
    }

    private func decide(_ server: CatalogServer) async throws {
        let action: Action
        switch server.kind {
        case .command:
            action = Action(.sandboxStart, resource: try await manager.choose(nil, minimum: nil).name)
        case .remote(let url, _, _):
            guard let parsed = URLComponents(string: url), let host = parsed.host,
                let scheme = parsed.scheme?.lowercased(), scheme == "http" || scheme == "https"
            else { throw GatehouseError(.badRequest, "the remote MCP URL of \(server.name) is not an http(s) URL") }
            action = Action(.egressConnect, resource: "\(host):\(parsed.port ?? (scheme == "https" ? 443 : 80))")
        case .image:
            throw GatehouseError(.badRequest, "agent files cannot bring image servers; use the catalog")
        }
        let request = Spine.Request(
            authorization: nil, traceparent: nil, action: action,
            payload: PayloadDigest(parameters: ["mcp_server": server.name]))
        _ = try await spine.authorize(caller, request, traceID: traceID) { _, _ in true }
    }

    /// The catalog entry of a file's own server.
    static func server(_ toolset: ToolsetDefinition, named name: String) throws -> CatalogServer {
        var server: CatalogServer
        if let command = toolset.command {
            server = CatalogServer(name: name, kind: .command([command] + toolset.args))
            server.disableNetwork = true
        } else if let remote = toolset.remote {
            if remote.transportType == "sse" {
                throw GatehouseError(
                    .badRequest, "\(name): remote MCP servers are reached over streamable HTTP; SSE is not supported")
            }
            server = CatalogServer(
                name: name, kind: .remote(url: remote.url, transport: .streamableHTTP, headers: remote.headers))
        } else {
            throw GatehouseError(.badRequest, "\(name) names neither a command nor a remote URL")
        }
        server.env = toolset.env.sorted { $0.key < $1.key }.map { CatalogServer.EnvVar(name: $0.key, value: $0.value) }
        server.description = "an agent file's own MCP server"
        return server
    }

    /// A server name for a file's toolset: `agent-` and the toolset's name, lower-case, within
    /// the catalog's name rules.
    static func name(_ base: String) -> String {
        let cleaned = base.lowercased().unicodeScalars.map {
            ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "." ? Character($0) : "-"
        }
        return "agent-" + String(cleaned.prefix(56))
    }
}
