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
    /// The servers as the file defines them, by name.
    private var definitions: [String: CatalogServer] = [:]
    /// The servers as run: with the isolation their decision demands.
    private var servers: [String: CatalogServer] = [:]

    init(runtime: MCPRuntime, spine: Spine, caller: Caller, traceID: String, manager: SandboxManager) {
        self.runtime = runtime
        self.spine = spine
        self.caller = caller
        self.traceID = traceID
        self.manager = manager
    }

    /// The gateway serving `toolset` (decided for the caller the first time), and its server's
    /// name. Two different toolsets that come to the same name are refused: one decision must
    /// never stand for another server.
    func serve(_ toolset: ToolsetDefinition, named name: String) async throws -> (MCPGateway, String) {
        let definition = try Self.server(toolset, named: name)
        if let known = definitions[name] {
            guard known == definition else {
                throw GatehouseError(
                    .badRequest,
                    "two mcp toolsets of the file come to the server name \(name); give them distinct names")
            }
        } else {
            var server = definition
            server.isolation = try await decide(definition)
            definitions[name] = definition
            servers[name] = server
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
        if let gateway { return (gateway, name) }
        let made = await runtime.privateGateway(for: Array(servers.values))
        gateway = made
        return (made, name)
    }

    /// Stops every server of the run. The gateway stays: toolboxes keep it, and a next turn's
    /// call starts its server again, to be stopped at the end of that turn.
    func stop() async {
        await gateway?.shutdown()
    }

    /// Decides the server for the caller; returns the isolation the decision demands (the
    /// policy's `min_isolation` obligation on `sandbox.start`).
    private func decide(_ server: CatalogServer) async throws -> CatalogServer.Isolation? {
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
        let minimum = try await spine.authorize(caller, request, traceID: traceID) { _, decision in
            try SandboxRoutes.minimumIsolation(decision)
        }
        return minimum.flatMap { CatalogServer.Isolation(rawValue: $0.rawValue) }
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
