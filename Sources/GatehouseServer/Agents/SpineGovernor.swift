import Foundation
import GatehouseAgents
import GatehouseCore
import GatehouseMCP
import Metrics
import Synchronization

/// The governance of one run, through the spine for the run's caller: delegations are
/// `agent.delegate` on the agent delegated to, recorded with both session ids; built-in tool
/// calls are `tool.call` on `agent/TOOLSET/TOOL` with their arguments scanned for secrets
/// before and their results redacted after (as the MCP pipeline does); refusals by the file's
/// permissions are recorded as denials; questions go to the user when the run is interactive.
struct SpineGovernor: AgentGovernor {
    let spine: Spine
    let caller: Caller
    let traceID: String
    let scanner: SecretScanner
    let live: LiveRun

    func authorize(_ delegation: Delegation) async throws {
        let request = Spine.Request(
            authorization: nil, traceparent: nil, action: Action(.agentDelegate, resource: delegation.toAgent),
            payload: PayloadDigest(parameters: [
                "kind": delegation.kind.rawValue, "from_agent": delegation.fromAgent,
                "parent_session": delegation.parentSession, "child_session": delegation.childSession,
            ]))
        let described =
            "ok kind=\(delegation.kind.rawValue) from=\(delegation.fromAgent) parent_session=\(delegation.parentSession) child_session=\(delegation.childSession)"
        Counter(label: "gatehouse_agent_delegations_total", dimensions: [("kind", delegation.kind.rawValue)])
            .increment()
        try await spine.authorize(
            caller, request, traceID: traceID, outcome: { (_: Bool) in described },
            perform: { _, _ in true
            })
    }

    func govern(
        _ invocation: ToolInvocation, toolset: String, perform: @escaping @Sendable () async throws -> ToolOutput
    ) async throws -> ToolOutput {
        let request = Spine.Request(
            authorization: nil, traceparent: nil,
            action: Action(.toolCall, resource: Self.resource(invocation, toolset)),
            payload: PayloadDigest(bytes: invocation.arguments.encoded))
        let scanner = scanner
        let redactedRules = Mutex<[String]>([])
        return try await spine.authorize(
            caller, request, traceID: traceID,
            outcome: { (output: ToolOutput) in
                let rules = redactedRules.withLock { $0 }
                return "ok agent_session=\(invocation.sessionID) result_bytes=\(output.text.utf8.count)"
                    + (output.isError ? " tool_error" : "")
                    + (rules.isEmpty ? "" : " redacted=" + rules.joined(separator: ","))
            },
            perform: { _, _ in
                let found = scanner.findings(in: invocation.arguments)
                guard found.isEmpty else {
                    throw Spine.Refusal(
                        rule: "secret-scan",
                        reason: "the arguments carry what looks like a secret (\(found.joined(separator: ", ")))")
                }
                var output = try await perform()
                let (clean, findings) = scanner.redact(output.text)
                output.text = clean
                redactedRules.withLock { $0 = Array(Set(findings.map(\.rule))).sorted() }
                return output
            })
    }

    func refused(_ invocation: ToolInvocation, toolset: String, reason: String) async {
        try? await spine.refuse(
            caller.principal, action: .toolCall, resource: Self.resource(invocation, toolset), reason: reason,
            rule: "agent-permissions", traceID: traceID)
    }

    func confirm(_ call: ToolCall, session: String, agent: String, reason: String) async -> Confirmation? {
        await live.ask(call, session: session, agent: agent, reason: reason)
    }

    /// The resource of a built-in tool call: `agent/TOOLSET/TOOL`.
    static func resource(_ invocation: ToolInvocation, _ toolset: String) -> String {
        "agent/\(toolset)/\(invocation.name)"
    }
}
