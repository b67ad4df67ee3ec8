import AsyncHTTPClient
import Foundation
import GatehouseAgents
import GatehouseCore
import GatehouseInference
import NIOCore

/// An agent's model calls, made in process through the same path as `/v1/chat/completions`:
/// `model.use` on the model decided and recorded by the spine for the run's caller, routed
/// local first by the inference runtime, limited by the caller's budgets and accounted to them.
/// The stream is read as it comes, so the agent's text reaches the client as it is written.
struct GatewayModelClient: ModelClient {
    let spine: Spine
    let runtime: InferenceRuntime
    let caller: Caller
    let traceID: String

    private struct Answered: Sendable {
        var reply: ModelReply
        var outcome: String
    }

    func complete(_ request: ModelRequest, onText: @escaping @Sendable (String) async -> Void) async throws
        -> ModelReply
    {
        let body = request.openAI
        let facts = try ChatRequestFacts(body: body, kind: .chat)
        let spineRequest = Spine.Request(
            authorization: nil, traceparent: nil, action: Action(.modelUse, resource: request.model),
            payload: PayloadDigest(bytes: facts.promptCanonical))
        let runtime = runtime
        let traceID = traceID
        let answered = try await spine.authorize(
            caller, spineRequest, traceID: traceID, outcome: { (answered: Answered) in answered.outcome },
            perform: { caller, _ in
                let plan = try await runtime.plan(
                    model: request.model, caller: caller,
                    contextTokens: facts.estimatedPromptTokens + (facts.maxTokens ?? 0))
                let engineBody = ChatRequestFacts.forEngine(body, model: plan.engineModel, stream: true)
                var reply = StreamedReply()
                var sent = false
                do {
                    let upstream = try await runtime.client.post(
                        "/chat/completions", body: engineBody.encoded, to: plan.endpoint,
                        traceparent: InferenceRoutes.traceparent(traceID))
                    sent = true
                    var decoder = SSEDecoder()
                    reading: for try await buffer in upstream.body {
                        for event in try decoder.feed(buffer.readableBytesView) {
                            if event.isDone { break reading }
                            guard let chunk = JSONValue.parse(event.data) else { continue }
                            if let text = try reply.add(chunk) { await onText(text) }
                        }
                    }
                    await plan.release()
                } catch {
                    await plan.release()
                    // An answer cut off (a failure, a client gone) still cost what was generated:
                    // it is accounted to the caller before the failure is passed on.
                    if sent {
                        let usage =
                            TokenUsage(openAI: reply.usage)
                            ?? TokenUsage(
                                promptTokens: facts.estimatedPromptTokens,
                                completionTokens: reply.estimatedCompletionTokens, estimated: true)
                        _ = await runtime.account(plan, principal: caller.principal, model: request.model, usage: usage)
                    }
                    throw error
                }
                let usage =
                    TokenUsage(openAI: reply.usage)
                    ?? TokenUsage(
                        promptTokens: facts.estimatedPromptTokens, completionTokens: reply.estimatedCompletionTokens,
                        estimated: true)
                let cost = runtime.config.loaded.config.inference.costMicros(route: plan.candidate.route, usage: usage)
                let accounted = await runtime.account(
                    plan, principal: caller.principal, model: request.model, usage: usage)
                let answer = ModelReply(
                    message: reply.message, tokensIn: usage.promptTokens, tokensOut: usage.completionTokens,
                    costMicros: cost, finishReason: reply.finishReason)
                return Answered(reply: answer, outcome: "ok \(plan.described) agent \(accounted)")
            })
        return answered.reply
    }
}
