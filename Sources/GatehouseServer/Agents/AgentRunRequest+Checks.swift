import Foundation
import GatehouseAgents
import GatehouseCore
import GatehouseSandbox

/// The start request's checks, against the file and the configuration.
extension AgentRunRequest {
    /// The largest token budget a run may ask for, and the one it gets by default.
    static let tokenCeiling = 10_000_000
    static let defaultTokens = 500_000

    /// The file name as shown: the given one, cut to a safe name.
    var shownFileName: String {
        let name = (fileName ?? "agent.yaml").split(separator: "/").last.map(String.init) ?? "agent.yaml"
        let safe = name.unicodeScalars.filter { $0.isASCII && $0.value >= 0x20 && $0 != "\"" && $0 != "\\" }
        return String(String.UnicodeScalarView(safe).prefix(128))
    }

    /// The file, read strictly; every problem in one error.
    func parsedFile() throws -> AgentFile {
        do {
            return try AgentFileReader.read(file, file: shownFileName)
        } catch {
            throw GatehouseError(.badRequest, "the agent file is invalid:\n\(error.description)")
        }
    }

    /// Checks the rest of the request against the file and the configuration; returns the
    /// starting agent and the workspace, resolved.
    func checked(_ agentFile: AgentFile, workspaceRoots: [String]) throws -> (agent: String, workspace: String?) {
        guard !message.isEmpty, message.utf8.count <= 256 * 1024 else {
            throw GatehouseError(.badRequest, "message must be 1 byte to 256 KiB")
        }
        let start = agent ?? agentFile.defaultAgent.name
        guard agentFile.agent(named: start) != nil else {
            throw GatehouseError(.badRequest, "the file has no agent \(start.prefix(64))")
        }
        if let maxTokens, !(1...Self.tokenCeiling).contains(maxTokens) {
            throw GatehouseError(.badRequest, "max_tokens must be 1 to \(Self.tokenCeiling)")
        }
        if let maxCostMicros, maxCostMicros < 1 {
            throw GatehouseError(.badRequest, "max_cost_micros must be positive")
        }
        let needsWorkspace = agentFile.agents.flatMap(\.toolsets).contains {
            [.filesystem, .shell, .script].contains($0.kind)
        }
        guard let workspace else {
            if needsWorkspace {
                throw GatehouseError(
                    .badRequest, "the file has filesystem, shell or script toolsets: give a workspace (--workspace DIR)"
                )
            }
            return (start, nil)
        }
        var probe = SandboxRequest(command: ["/bin/true"])
        probe.workspace = workspace
        return (start, try probe.spec(workspaceRoots: workspaceRoots).workspace)
    }
}
