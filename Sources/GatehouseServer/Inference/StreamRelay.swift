import AsyncHTTPClient
import Foundation
import GatehouseCore
import GatehouseInference
import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// Streams an engine's server-sent events to the client — as OpenAI events, or translated to
/// Ollama's JSON lines — and, when the stream ends however it ends, releases the engine, accounts
/// the tokens (counted by us when the engine gives none) and records them as `model.spend`
/// under the request's trace id.
struct StreamRelay: Sendable {
    let runtime: InferenceRuntime
    let spine: Spine
    let plan: InferencePlan
    let principal: Principal
    let model: String
    let traceID: String
    let settlement: StreamSettlement

    init(
        runtime: InferenceRuntime, spine: Spine, plan: InferencePlan, principal: Principal, model: String,
        traceID: String, estimatedPromptTokens: Int
    ) {
        (self.runtime, self.spine, self.plan, self.principal) = (runtime, spine, plan, principal)
        (self.model, self.traceID) = (model, traceID)
        settlement = StreamSettlement(
            unsent: TokenUsage(promptTokens: estimatedPromptTokens, completionTokens: 0, estimated: true)
        ) { [runtime, spine, plan, principal, model, traceID] usage, failure in
            await Self.finished(
                runtime: runtime, spine: spine, plan: plan, principal: principal, model: model, traceID: traceID,
                usage: usage, failure: failure)
        }
    }

    /// The OpenAI event stream.
    func openAIResponse(_ upstream: HTTPClientResponse, wantsUsage: Bool, estimatedPromptTokens: Int) -> Response {
        let body = ResponseBody { writer in
            var relay = OpenAIStreamRelay(clientWantsUsage: wantsUsage, estimatedPromptTokens: estimatedPromptTokens)
            var failure: GatehouseError?
            do {
                try await forEachChunk(upstream) { chunk in
                    guard var out = relay.relay(chunk) else { return }
                    out["model"] = .string(model)
                    try await Self.send(ByteBuffer(bytes: SSEEvent.encode(out)), to: &writer)
                }
                if var last = relay.finish() {
                    last["model"] = .string(model)
                    try await Self.send(ByteBuffer(bytes: SSEEvent.encode(last)), to: &writer)
                }
            } catch {
                failure = Self.shown(error)
                let event: JSONValue = [
                    "error": ["message": .string(failure!.message), "code": .string(failure!.code.rawValue)]
                ]
                try? await writer.write(ByteBuffer(bytes: SSEEvent.encode(event)))
            }
            try? await writer.write(ByteBuffer(bytes: SSEEvent.doneMarker))
            // The client has its answer before the spend is recorded.
            try? await writer.finish(nil)
            await settlement.settle(relay.usage, failure: failure)
        }
        return Response(status: .ok, headers: headers("text/event-stream"), body: body)
    }

    /// The Ollama JSON-lines stream of a chat or generate request.
    func ollamaResponse(
        _ upstream: HTTPClientResponse, mode: OllamaStreamTranslator.Mode, estimatedPromptTokens: Int,
        loadNanoseconds: Int64
    ) -> Response {
        let started = ContinuousClock.now
        let body = ResponseBody { writer in
            var translator = OllamaStreamTranslator(
                mode: mode, model: model, estimatedPromptTokens: estimatedPromptTokens)
            var failure: GatehouseError?
            do {
                try await forEachChunk(upstream) { chunk in
                    for line in try translator.translate(chunk, at: Date()) {
                        try await Self.send(Self.line(line), to: &writer)
                    }
                }
                let total = InferenceRoutes.nanoseconds(started.duration(to: .now))
                let timings = OllamaTimings(totalDuration: total + loadNanoseconds, loadDuration: loadNanoseconds)
                for line in try translator.finish(timings: timings, at: Date()) {
                    try await Self.send(Self.line(line), to: &writer)
                }
            } catch {
                failure = Self.shown(error)
                try? await writer.write(Self.line(["error": .string(failure!.message)]))
            }
            try? await writer.finish(nil)
            await settlement.settle(translator.usage, failure: failure)
        }
        return Response(status: .ok, headers: headers("application/x-ndjson"), body: body)
    }

    private func headers(_ type: String) -> HTTPFields {
        var headers: HTTPFields = [.contentType: type, .cacheControl: "no-cache"]
        headers[InferenceRoutes.routeHeader] = plan.candidate.route
        return headers
    }

    /// Decodes the engine's events into JSON chunks for `body`, until `[DONE]` or the end.
    private func forEachChunk(
        _ upstream: HTTPClientResponse, _ body: (JSONValue) async throws -> Void
    ) async throws {
        var decoder = SSEDecoder()
        var done = false
        for try await buffer in upstream.body where !done {
            for event in try decoder.feed(buffer.readableBytesView) {
                if event.isDone {
                    done = true
                    break
                }
                guard let chunk = event.json else {
                    throw GatehouseError(.engineInvalid, "\(plan.endpoint.name) sent an event that is not JSON")
                }
                try await body(chunk)
            }
        }
        if !done, let last = decoder.finish(), !last.isDone, let chunk = last.json { try await body(chunk) }
    }

    /// Releases the engine, accounts the usage and records it.
    private static func finished(
        runtime: InferenceRuntime, spine: Spine, plan: InferencePlan, principal: Principal, model: String,
        traceID: String, usage: TokenUsage, failure: GatehouseError?
    ) async {
        await plan.release()
        let accounted = await runtime.account(plan, principal: principal, model: model, usage: usage)
        let outcome = failure.map { "error:\($0.code) " } ?? "ok "
        do {
            try await spine.recordFinished(
                principal, action: .modelSpend, resource: plan.candidate.route, rule: "model.use",
                outcome: outcome + plan.described + " " + accounted, traceID: traceID)
        } catch {
            runtime.logger.error(
                "a streamed answer's usage record could not be written", metadata: ["error": "\(error)"])
        }
    }

    /// The client went away mid-answer: recorded as such, not as the engine's failure.
    struct ClientGone: Error {}

    /// Writes to the client; a failed write is the client's leaving.
    static func send(_ buffer: ByteBuffer, to writer: inout any ResponseBodyWriter) async throws {
        do {
            try await writer.write(buffer)
        } catch {
            throw ClientGone()
        }
    }

    static func shown(_ error: any Error) -> GatehouseError {
        if error is ClientGone { return GatehouseError(.unavailable, "the client left before the answer ended") }
        if let error = error as? GatehouseError, error.code != .internal, error.code != .storeUnavailable {
            return error
        }
        return GatehouseError(.engineInvalid, "the answer broke off")
    }

    static func line(_ value: JSONValue) -> ByteBuffer {
        var bytes = value.encoded
        bytes.append(0x0A)
        return ByteBuffer(bytes: bytes)
    }
}
