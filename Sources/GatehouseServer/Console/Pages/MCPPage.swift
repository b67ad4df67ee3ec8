import GatehouseCore
import GatehouseMCP
import GatehouseStore

/// `/console/mcp`: the catalog's servers with their state and pool sizes on this replica,
/// their declared tools, and tool calls per tool over the last week (from the audit trail).
struct MCPPage {
    let sources: ConsoleSources

    init(_ sources: ConsoleSources) { self.sources = sources }

    struct Model {
        let servers: [Server]
        let calls: [ToolCalls]
        let truncated: Bool
    }

    struct Server {
        let name: String
        let kind: String
        let title: String
        let state: String
        let sessions: Int
        let poolMax: Int
        let calls: Int
        let started: Int
        let tools: String
    }

    struct ToolCalls {
        let tool: String
        let allowed: Int
        let denied: Int
        let failed: Int
    }

    func view(_ visit: ConsoleRoutes.Visit) async throws -> ConsoleRoutes.View {
        let gateway = sources.mcp.gateway
        let load = await gateway.load()
        let settings = await gateway.settings
        let servers = settings.catalog.servers.map { server in
            let now = load[server.name]
            let kind =
                switch server.kind {
                case .command: "command"
                case .image: "image"
                case .remote: "remote"
                }
            return Server(
                name: server.name, kind: kind, title: server.title ?? "",
                state: (now?.sessions ?? 0) > 0 ? "running" : "idle", sessions: now?.sessions ?? 0,
                poolMax: server.pool?.max ?? settings.pool.maxSessions, calls: now?.calls ?? 0,
                started: now?.started ?? 0, tools: server.tools.map(\.name).joined(separator: ", "))
        }
        let window = try await AuditWindow.read(
            sources.store, hours: 24 * 7, action: ActionKind.toolCall.rawValue, nowMicros: WallClock.nowMicros())
        var counts: [String: (allowed: Int, denied: Int, failed: Int)] = [:]
        for record in window.records {
            var entry = counts[record.event.resource, default: (0, 0, 0)]
            if record.event.decision == "deny" {
                entry.denied += 1
            } else if record.event.outcome.hasPrefix("error") {
                entry.failed += 1
            } else {
                entry.allowed += 1
            }
            counts[record.event.resource] = entry
        }
        let calls = counts.sorted { $0.key < $1.key }.map {
            ToolCalls(tool: $0.key, allowed: $0.value.allowed, denied: $0.value.denied, failed: $0.value.failed)
        }
        return ConsoleRoutes.View(
            template: "mcp", model: Model(servers: servers, calls: calls, truncated: window.truncated))
    }
}
