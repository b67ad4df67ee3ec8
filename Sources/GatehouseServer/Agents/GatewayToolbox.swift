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
    private let known = Mutex<[String: ExposedTool]>([:])

    init(gateway: MCPGateway, spine: Spine, caller: Caller, traceID: String, server: String, prefix: String?) {
        self.gateway = gateway
        self.spine = spine
        self.caller = caller
        self.traceID = traceID
        self.server = server
        self.prefix = prefix
    }

    private var mcpCaller: MCPCaller {
        let policy = spine.config.policy
        let principal = caller.principal
        let scopes = caller.scopes
        return MCPCaller(profile: MCPProfile(name: "agent:\(server)", servers: [server])) { resource in
            policy.decide(principal, Action(.toolCall, resource: resource), scopes: scopes).isAllowed
        }
    }

    func tools() async throws -> [ToolDefinition] {
        guard await gateway.settings.server(server) != nil else {
            throw GatehouseError(.notFound, "the catalog has no MCP server \(server)")
        }
        let (exposed, unavailable) = await gateway.tools(for: mcpCaller)
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
        let caller = mcpCaller
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
            return Self.output(outcome.result)
        } catch let error as RPCError {
            return ToolOutput("The tool failed: \(error.message)", isError: true)
        } catch {
            if let message = refused.withLock({ $0 }) { return ToolOutput(message, isError: true) }
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
