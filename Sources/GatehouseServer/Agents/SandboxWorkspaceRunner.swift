import Foundation
import GatehouseAgents
import GatehouseCore
import GatehouseSandbox

/// The `filesystem`, `shell` and `script` toolsets' commands, each in a fresh sandbox bound to
/// the run's workspace (checked against `sandbox.workspace_roots` when the run started): no
/// network, an empty environment plus the toolset's, only the workspace writable. Every start is
/// `sandbox.start` on the backend, decided by the policy (and its `min_isolation` obligation)
/// and recorded under the run's trace id.
struct SandboxWorkspaceRunner: WorkspaceRunner {
    /// The most bytes kept of each output stream.
    static let outputLimit = 1 << 20

    let workspace: String
    let spine: Spine
    let manager: SandboxManager
    let caller: Caller
    let traceID: String

    func run(
        _ command: [String], input: Data?, environment: [String: String], workingDirectory: String?,
        timeout: Duration
    ) async throws -> CommandResult {
        var spec = SandboxSpec(command: command, workspace: workspace)
        spec.environment = environment
        spec.workingDirectory = "/workspace" + (workingDirectory.map { $0 == "." || $0.isEmpty ? "" : "/" + $0 } ?? "")
        spec.limits.wallSeconds = max(1, Int(timeout.components.seconds))
        let payload = PayloadDigest(bytes: JSONValue.array(command.map(JSONValue.string)).encoded)
        return try await SandboxCommand(spine: spine, manager: manager, caller: caller, traceID: traceID).run(
            spec, payload: payload, input: input,
            stdoutLimit: Self.outputLimit, stderrLimit: Self.outputLimit,
            egress: { _ in EgressDecision(allowed: false, reason: "agent tools have no network") })
    }
}
