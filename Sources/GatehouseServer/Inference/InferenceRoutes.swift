import AsyncHTTPClient
import Foundation
import GatehouseCore
import GatehouseInference
import HTTPTypes
import Hummingbird
import NIOCore
import Tracing

/// The model API: OpenAI-compatible under `/v1`, Ollama-compatible under `/api`. Every request
/// is `model.use` on the name asked for (the alias), decided and recorded by the spine; the
/// route taken (local engine or offload, and why), tokens and cost are in the record's outcome
/// and in the `X-Gatehouse-Route` header. Prompts are recorded only by size and hash.
struct InferenceRoutes: Sendable {
    let spine: Spine
    let runtime: InferenceRuntime
    let pulls: ModelPulls

    /// The largest request body accepted (prompts with long contexts and tool schemas).
    static let bodyLimit = 16 << 20
    /// The largest non-streamed answer read from an engine.
    static let answerLimit = 64 << 20
    /// The response header naming the route taken.
    static let routeHeader = HTTPField.Name("X-Gatehouse-Route")!

    func register(on router: Router<some RequestContext>) {
        let v1 = router.group("/v1")
        v1.post("chat/completions") { request, _ in try await openAI(request, kind: .chat) }
        v1.post("completions") { request, _ in try await openAI(request, kind: .completion) }
        v1.post("embeddings") { request, _ in try await openAIEmbeddings(request) }
        v1.get("models") { request, _ in try await openAIModels(request) }
        let api = router.group("/api").add(middleware: OllamaErrorMiddleware())
        api.post("chat") { request, _ in try await ollamaChat(request) }
        api.post("generate") { request, _ in try await ollamaGenerate(request) }
        api.post("embed") { request, _ in try await ollamaEmbed(request, legacy: false) }
        api.post("embeddings") { request, _ in try await ollamaEmbed(request, legacy: true) }
        api.get("tags") { request, _ in try await ollamaTags(request) }
        api.post("show") { request, _ in try await ollamaShow(request) }
        api.get("ps") { request, _ in try await ollamaRunning(request) }
        api.post("pull") { request, _ in try await ollamaPull(request) }
        api.delete("delete") { request, _ in try await ollamaDelete(request) }
        api.get("version") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "application/json"],
                body: .init(
                    byteBuffer: ByteBuffer(
                        bytes: JSONValue.object(["version": .string(GatehouseVersion.current)]).encoded)))
        }
    }

    /// The request's body as JSON, or a clear refusal.
    static func json(_ request: Request) async throws -> JSONValue {
        var request = request
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: bodyLimit)
        } catch {
            throw GatehouseError(.payloadTooLarge, "the request body must be JSON of at most \(bodyLimit >> 20) MiB")
        }
        guard let value = JSONValue.parse(Data(buffer.readableBytesView)), value.objectValue != nil else {
            throw GatehouseError(.badRequest, "the request body must be one JSON object")
        }
        return value
    }

    /// A caller identified before its request's body is read.
    typealias Identified = Spine.Identified

    /// Authenticates first (see ``Spine/identified(_:_:)``).
    func identify(_ request: Request, _ kind: ActionKind) async throws -> Identified {
        try await spine.identified(request, kind)
    }

    /// One model request through the spine: `model.use` on `model`, the prompt recorded by size
    /// and hash, the route and usage in the outcome.
    func served(
        _ request: Request, _ identity: Identified, model: String, prompt: Data,
        perform: @escaping @Sendable (Caller, String) async throws -> Served
    ) async throws -> Response {
        try await decided(request, identity, .modelUse, resource: model, prompt: prompt) { caller in
            try await perform(caller, identity.traceID)
        }
    }

    /// `kind` on `resource` for an identified caller, decided and recorded by the spine.
    func decided(
        _ request: Request, _ identity: Identified, _ kind: ActionKind, resource: String, prompt: Data? = nil,
        perform: @escaping @Sendable (Caller) async throws -> Served
    ) async throws -> Response {
        var spineRequest = AdminRoutes.spineRequest(request, kind, resource: resource)
        spineRequest.payload = prompt.map { PayloadDigest(bytes: $0) }
        let served = try await spine.authorize(
            identity.caller, spineRequest, started: identity.started, traceID: identity.traceID,
            outcome: { (served: Served) in served.outcome }, perform: { caller, _ in try await perform(caller) })
        return served.response
    }

    /// Sends the engine its request; a failure ends the plan's engine lease.
    func send(_ path: String, _ body: JSONValue, plan: InferencePlan, traceID: String) async throws
        -> HTTPClientResponse
    {
        do {
            return try await spine.telemetry.span("inference.upstream", kind: .client) { note in
                note.set("gatehouse.route", plan.candidate.route)
                note.set("url.path", path)
                return try await runtime.client.post(
                    path, body: body.encoded, to: plan.endpoint,
                    traceparent: OutgoingTrace.traceparent ?? Self.traceparent(traceID))
            }
        } catch {
            await plan.release()
            throw error
        }
    }

    /// A response and what the audit record says of it.
    struct Served: Sendable {
        var response: Response
        var outcome: String
    }

    /// A JSON response naming the route.
    static func response(_ value: JSONValue, plan: InferencePlan?) -> Response {
        var headers: HTTPFields = [.contentType: "application/json"]
        if let plan { headers[routeHeader] = plan.candidate.route }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: value.encoded)))
    }

    /// Reads a whole (non-streamed) engine answer as JSON.
    /// With `releasing`, the plan's engine lease ends once the answer is read (or failed).
    static func answer(
        _ response: HTTPClientResponse, from plan: InferencePlan, releasing: Bool = false
    ) async throws -> JSONValue {
        let body: ByteBuffer
        do {
            body = try await response.body.collect(upTo: answerLimit)
            if releasing { await plan.release() }
        } catch {
            if releasing { await plan.release() }
            throw GatehouseError(.engineInvalid, "\(plan.endpoint.name) answered with more than 64 MiB or broke off")
        }
        guard let value = JSONValue.parse(Data(body.readableBytesView)), value.objectValue != nil else {
            throw GatehouseError(.engineInvalid, "\(plan.endpoint.name) answered with something other than JSON")
        }
        return value
    }
}
