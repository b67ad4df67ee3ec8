import Foundation
import GatehouseAgents
import GatehouseCore
import GatehouseMCP
import Synchronization

/// An `mcp` toolset of an agent: the tools of one server of Gatehouse's catalog, listed for the
/// run's caller (only those the policy lets them call) and called through the MCP gateway's
/// pipeline (secret scan of arguments and results, interceptors, the server's sandbox),
/// each call decided and recorded as `tool.call` on `server/tool`, like a call over `/mcp`.
/// Tools keep their MCP names, or get the toolset's `name` as a prefix (`name_tool`), as in
/// docker-agent.
final class GatewayToolbox: AgentToolbox {
    let gateway: MCPGateway
    let spine: Spine
    let caller: Caller
    let traceID: String
    let server: String
    let prefix: String?
    /// Whether the server must be in an MCP profile the caller may use (the catalog's servers;
    /// a file's own servers are decided by ``OwnServers``).
    let throughProfiles: Bool
    private let known = Mutex<[String: ExposedTool]>([:])
    /// The profile the caller reaches the server through, once decided.
    private let chosen = Mutex<MCPProfile?>(nil)

    init(
        gateway: MCPGateway, spine: Spine, caller: Caller, traceID: String, server: String, prefix: String?,
        throughProfiles: Bool
    ) {
        self.gateway = gateway
        self.spine = spine
        self.caller = caller
        self.traceID = traceID
        self.server = server
        self.prefix = prefix
        self.throughProfiles = throughProfiles
    }

    /// The gateway's view of the caller: the profile's tool lists, narrowed to this server, and
    /// the policy's answer per tool.
    private func mcpCaller(_ profile: MCPProfile) -> MCPCaller {
        let policy = spine.config.policy
        let principal = caller.principal
        let scopes = caller.scopes
        var narrowed = profile
        narrowed.servers = [server]
        return MCPCaller(profile: narrowed) { resource in
            policy.decide(principal, Action(.toolCall, resource: resource), scopes: scopes).isAllowed
        }
    }

    /// The profile the caller reaches the server through, as over `/mcp`: one that has the
    /// server and that the caller may use (`tool.profile`); listing it is `tool.list` on it,
    /// decided and recorded once per session and agent.
    private func profile() async throws -> MCPProfile {
        if let profile = chosen.withLock({ $0 }) { return profile }
        let settings = await gateway.settings
        guard settings.server(server) != nil else {
            throw GatehouseError(.notFound, "the catalog has no MCP server \(server)")
        }
        guard throughProfiles else { return MCPProfile(name: "agent:\(server)", servers: [server]) }
        let policy = spine.config.policy
        let usable = settings.profiles.values.filter { $0.servers.contains(server) }.sorted { $0.name < $1.name }
            .first {
                policy.decide(caller.principal, Action(.toolProfile, resource: $0.name), scopes: caller.scopes)
                    .isAllowed
            }
        guard let usable else {
            let reason = "no MCP profile you may use has the server \(server)"
            try? await spine.refuse(
                caller.principal, action: .toolProfile, resource: "server:\(server)", reason: reason,
                rule: "mcp-profiles", traceID: traceID)
            throw GatehouseError(.forbidden, reason)
        }
        let request = Spine.Request(
            authorization: nil, traceparent: nil, action: Action(.toolList, resource: usable.name),
            payload: PayloadDigest(parameters: ["server": server]))
        _ = try await spine.authorize(caller, request, traceID: traceID) { _, _ in true }
        chosen.withLock { $0 = usable }
        return usable
    }

    func tools() async throws -> [ToolDefinition] {
        let (exposed, unavailable) = await gateway.tools(for: mcpCaller(try await profile()))
        if let reason = unavailable[server] {
            throw GatehouseError(.unavailable, "the MCP server \(server) could not be listed: \(reason)")
        }
        var named: [String: ExposedTool] = [:]
        let definitions = exposed.map { tool -> ToolDefinition in
            let name = prefix.map { "\($0)_\(tool.tool)" } ?? tool.tool
            named[name] = tool
            return ToolDefinition(
                name: name, description: tool.definition["description"]?.stringValue ?? "",
                parameters: tool.definition["inputSchema"] ?? ["type": "object"],
                readOnly: tool.definition["annotations"]?["readOnlyHint"]?.boolValue ?? false)
        }
        known.withLock { $0 = named }
        return definitions
    }

    func call(_ invocation: ToolInvocation) async throws -> ToolOutput {
        guard let tool = known.withLock({ $0[invocation.name] }) else {
            return ToolOutput("Tool '\(invocation.name)' is not available.", isError: true)
        }
        let request = Spine.Request(
            authorization: nil, traceparent: nil, action: Action(.toolCall, resource: tool.resource),
            payload: PayloadDigest(bytes: invocation.arguments.encoded))
        let gateway = gateway
        let caller = mcpCaller(try await profile())
        let refused = Mutex<String?>(nil)
        do {
            let outcome = try await spine.authorize(
                self.caller, request, traceID: traceID,
                outcome: { (outcome: CallOutcome) in
                    "ok agent_session=\(invocation.sessionID) result_bytes=\(outcome.resultBytes)"
                        + (outcome.redacted.isEmpty ? "" : " redacted=" + outcome.redacted.joined(separator: ","))
                },
                perform: { _, _ in
                    do {
                        return try await gateway.call(
                            tool, arguments: invocation.arguments, meta: nil, caller: caller, context: .none)
                    } catch let refusal as ToolRefusal {
                        refused.withLock { $0 = refusal.error.message }
                        throw Spine.Refusal(rule: refusal.rule, reason: refusal.reason)
                    }
                })
            ToolCallMetrics.record(server: server, outcome: "ok")
            return Self.output(outcome.result)
        } catch let error as RPCError {
            ToolCallMetrics.record(server: server, outcome: "error")
            return ToolOutput("The tool failed: \(error.message)", isError: true)
        } catch {
            let message = refused.withLock({ $0 })
            ToolCallMetrics.record(
                server: server, outcome: message != nil ? "refused" : ToolCallMetrics.outcome(of: error))
            if let message { return ToolOutput(message, isError: true) }
            throw error
        }
    }

    /// An MCP result as text for the model: its text contents, and structured content as JSON.
    static func output(_ result: JSONValue) -> ToolOutput {
        var parts: [String] = []
        for item in result["content"]?.arrayValue ?? [] {
            if let text = item["text"]?.stringValue {
                parts.append(text)
            } else if let type = item["type"]?.stringValue {
                parts.append("[\(type) content]")
            }
        }
        if parts.isEmpty, let structured = result["structuredContent"] { parts.append(structured.text) }
        return ToolOutput(parts.joined(separator: "\n"), isError: result["isError"]?.boolValue ?? false)
    }
}
