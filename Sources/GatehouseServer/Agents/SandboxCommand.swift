import Foundation
import GatehouseAgents
import GatehouseCore
import GatehouseSandbox

/// One command of an agent's run in a fresh sandbox: `sandbox.start` on the backend, decided
/// for the run's caller (the decision's `min_isolation` obligation honoured) and recorded under
/// the run's trace id; its output kept up to the limits; a cancelled turn stops the command and
/// wipes its sandbox.
struct SandboxCommand: Sendable {
    let spine: Spine
    let manager: SandboxManager
    let caller: Caller
    let traceID: String

    func run(
        _ spec: SandboxSpec, payload: PayloadDigest, input: Data? = nil, stdoutLimit: Int, stderrLimit: Int,
        egress: @escaping SandboxManager.EgressDecider
    ) async throws -> CommandResult {
        let chosen = try await manager.choose(nil, minimum: nil).name
        let request = Spine.Request(
            authorization: nil, traceparent: nil, action: Action(.sandboxStart, resource: chosen), payload: payload)
        let manager = manager
        let owner = caller.principal.key
        return try await spine.authorize(
            caller, request, traceID: traceID,
            outcome: { (result: CommandResult) in "ok exit=\(result.exitStatus)" },
            perform: { _, decision in
                let backend = try await manager.choose(nil, minimum: try SandboxRoutes.minimumIsolation(decision))
                let feed = input.map { _ in SandboxInput() }
                let started = try await manager.start(spec, on: backend, owner: owner, input: feed, egress: egress)
                if let feed, let input {
                    try? await feed.write(input)
                    feed.close()
                }
                var stdout = Data()
                var stderr = Data()
                var truncated = false
                let result = try await withTaskCancellationHandler {
                    for await chunk in started.output {
                        switch chunk {
                        case .stdout(let data):
                            truncated = Self.append(data, to: &stdout, limit: stdoutLimit) || truncated
                        case .stderr(let data):
                            truncated = Self.append(data, to: &stderr, limit: stderrLimit) || truncated
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

    /// Appends what fits under `limit`; true when something was cut.
    private static func append(_ data: Data, to buffer: inout Data, limit: Int) -> Bool {
        let room = limit - buffer.count
        guard room > 0 else { return !data.isEmpty }
        buffer.append(data.prefix(room))
        return data.count > room
    }
}
