import GatehouseCore
import GatehouseMCP
import GatehouseSandbox

/// Decides the egress connections of a tool server's sandbox: its catalog entry's `allowHosts`
/// and nothing else (the proxy has checked the allowlist), every answer recorded under the
/// server's own principal, `mcp:SERVER`, with the rule `mcp-catalog:SERVER`.
struct MCPEgressGate: Sendable {
    let spine: Spine

    func decider(for server: CatalogServer) -> SandboxManager.EgressDecider {
        let principal = MCPImageProvider.principal(of: server)
        let rule = "mcp-catalog:" + server.name
        return { request in
            let traceID = TraceID.random()
            guard request.allowlisted else {
                let reason = "\(request.resource) is not among the \(server.name) server's allowHosts"
                try? await spine.refuse(
                    principal, action: .egressConnect, resource: request.resource, reason: reason, rule: rule,
                    traceID: traceID)
                return EgressDecision(allowed: false, reason: reason)
            }
            do {
                try await spine.allowByRule(
                    principal, action: .egressConnect, resource: request.resource,
                    reason: "allowed by the catalog entry's allowHosts", rule: rule, traceID: traceID)
                return EgressDecision(allowed: true, reason: "allowed")
            } catch {
                return EgressDecision(allowed: false, reason: "the audit trail is unavailable")
            }
        }
    }
}
