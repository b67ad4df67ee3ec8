import GatehouseCore
import GatehouseInference
import Hummingbird
import NIOCore

/// A model pull whose progress streams to the client as Ollama's status lines while it runs;
/// when it ends, the result is recorded under the request's trace id: `ok` with what was stored,
/// the deciding rule's denial (a signature or attestation requirement), or the error.
struct StreamedPull: Sendable {
    let spine: Spine
    let pulls: ModelPulls
    let ticket: ModelPulls.Ticket
    let principal: Principal
    let reference: String
    let traceID: String

    func body() -> ResponseBody {
        ResponseBody { writer in
            let (lines, continuation) = AsyncStream<JSONValue>.makeStream()
            async let outcome = run(continuation)
            for await line in lines { try? await writer.write(StreamRelay.line(line)) }
            let (last, recorded) = await outcome
            try? await writer.write(StreamRelay.line(last))
            try? await writer.finish(nil)
            await recorded()
        }
    }

    /// Runs the pull, feeding progress to `continuation`; returns the last line and the record.
    private func run(
        _ continuation: AsyncStream<JSONValue>.Continuation
    ) async -> (JSONValue, @Sendable () async -> Void) {
        defer { continuation.finish() }
        let last: JSONValue
        let record: @Sendable () async throws -> Void
        do {
            let pulled = try await pulls.fetch(ticket) { continuation.yield($0) }
            last = ["status": "success"]
            PullMetrics.count(.model, "ok")
            record = { [spine, principal, reference, traceID] in
                try await spine.recordFinished(
                    principal, action: .modelManage, resource: reference, rule: "model.manage",
                    outcome: "ok stored=\(pulled.model.name) manifest=\(pulled.manifest)", traceID: traceID)
            }
        } catch let refusal as Spine.Refusal {
            last = ["error": .string("\(refusal.reason) (rule \(refusal.rule))")]
            PullMetrics.count(.model, "refused")
            record = { [spine, principal, reference, traceID] in
                try await spine.refuse(
                    principal, action: .modelManage, resource: reference, reason: refusal.reason, rule: refusal.rule,
                    traceID: traceID)
            }
        } catch {
            let shown = (error as? GatehouseError) ?? GatehouseError(.internal, "the pull failed")
            last = ["error": .string(shown.message)]
            PullMetrics.count(.model, PullMetrics.result(of: error))
            record = { [spine, principal, reference, traceID] in
                try await spine.recordFinished(
                    principal, action: .modelManage, resource: reference, rule: "model.manage",
                    outcome: "error:\(shown.code)", traceID: traceID)
            }
        }
        return (last, { try? await record() })
    }
}
