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
        let chosen = try await manager.choose(nil, minimum: nil).name
        let request = Spine.Request(
            authorization: nil, traceparent: nil, action: Action(.sandboxStart, resource: chosen),
            payload: PayloadDigest(bytes: JSONValue.array(command.map(JSONValue.string)).encoded))
        let manager = manager
        let owner = caller.principal.key
        return try await spine.authorize(
            caller, request, traceID: traceID,
            outcome: { (result: CommandResult) in
                "ok exit=\(result.exitStatus)"
            },
            perform: { _, decision in
                let backend = try await manager.choose(nil, minimum: try SandboxRoutes.minimumIsolation(decision))
                let feed = input.map { _ in SandboxInput() }
                let started = try await manager.start(
                    spec, on: backend, owner: owner, input: feed,
                    egress: { _ in EgressDecision(allowed: false, reason: "agent tools have no network") })
                if let feed, let input {
                    try? await feed.write(input)
                    feed.close()
                }
                var stdout = Data()
                var stderr = Data()
                var truncated = false
                // A turn cancelled (its client gone) stops the command and wipes its sandbox.
                let result = try await withTaskCancellationHandler {
                    for await chunk in started.output {
                        switch chunk {
                        case .stdout(let data): truncated = Self.append(data, to: &stdout) || truncated
                        case .stderr(let data): truncated = Self.append(data, to: &stderr) || truncated
                        }
                    }
                    return try await started.result.value
                } onCancel: {
                    started.result.cancel()
                }
                return CommandResult(
                    exitStatus: result.exitStatus, stdout: stdout, stderr: stderr, truncated: truncated)
            })
    }

    /// Appends what fits; true when something was cut.
    private static func append(_ data: Data, to buffer: inout Data) -> Bool {
        let room = outputLimit - buffer.count
        guard room > 0 else { return !data.isEmpty }
        buffer.append(data.prefix(room))
        return data.count > room
    }
}
