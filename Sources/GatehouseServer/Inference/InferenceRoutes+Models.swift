import Foundation
import GatehouseCore
import GatehouseInference
import HTTPTypes
import Hummingbird
import NIOCore

extension InferenceRoutes {
    /// `GET /v1/models`: the aliases and stored models the caller may use.
    func openAIModels(_ request: Request) async throws -> Response {
        try await spine.handle(AdminRoutes.spineRequest(request, .modelList, resource: "*")) { caller, _ in
            let entries = try usable(by: caller).map { entry in
                entry.summary?.openAIModel() ?? [
                    "id": .string(entry.name), "object": "model", "created": 0, "owned_by": "gatehouse",
                ]
            }
            return Self.response(["object": "list", "data": .array(entries)], plan: nil)
        }
    }

    /// `GET /api/tags`.
    func ollamaTags(_ request: Request) async throws -> Response {
        try await spine.handle(AdminRoutes.spineRequest(request, .modelList, resource: "*")) { caller, _ in
            let summaries = try usable(by: caller).map { $0.summary ?? Self.remoteSummary($0.name) }
            return Self.response(ModelSummary.ollamaTags(summaries), plan: nil)
        }
    }

    /// `POST /api/show` (`{"model": NAME}`, or the older `name`).
    func ollamaShow(_ request: Request) async throws -> Response {
        let identity = try await identify(request, .modelUse)
        let name = try Self.modelName(in: try await Self.json(request))
        return try await decided(request, identity, .modelUse, resource: name) { caller in
            let tagged = (try? ModelName(validating: name).value) ?? name
            guard let entry = try usable(by: caller).first(where: { $0.name == name || $0.name == tagged })
            else {
                throw GatehouseError(.modelNotFound, "no model named \(name.prefix(200))")
            }
            return Served(
                response: Self.response((entry.summary ?? Self.remoteSummary(entry.name)).ollamaShow, plan: nil),
                outcome: "ok")
        }
    }

    /// `GET /api/ps`: the loaded engines.
    func ollamaRunning(_ request: Request) async throws -> Response {
        try await spine.handle(AdminRoutes.spineRequest(request, .modelList, resource: "*")) { caller, _ in
            let stored = try runtime.stored.list()
            let policy = spine.config.policy
            let running = await runtime.engines.loaded().compactMap { engine -> JSONValue? in
                guard let model = stored.first(where: { $0.name.value == engine.name }),
                    policy.decide(caller.principal, Action(.modelUse, resource: engine.name), scopes: caller.scopes)
                        .isAllowed
                else { return nil }
                return Self.summary(model).ollamaRunning(expiresAt: engine.expiresAt ?? .distantFuture)
            }
            return Self.response(["models": .array(running)], plan: nil)
        }
    }

    /// `DELETE /api/delete` (`{"model": NAME}`): `model.manage` on the name.
    func ollamaDelete(_ request: Request) async throws -> Response {
        let identity = try await identify(request, .modelManage)
        let name = try ModelName(validating: try Self.modelName(in: try await Self.json(request))).value
        return try await decided(request, identity, .modelManage, resource: name) { _ in
            let models = runtime.models
            let removed = try await ModelPulls.offThread { try models.remove(named: name) }
            await runtime.engines.unload(removed.name.value)
            return Served(response: Response(status: .ok), outcome: "ok removed=\(removed.name) \(removed.digest)")
        }
    }

    /// The `model` (or older `name`) of a body: a non-empty string of at most 256 bytes.
    static func modelName(in body: JSONValue) throws -> String {
        guard let name = (body["model"] ?? body["name"])?.stringValue, !name.isEmpty else {
            throw GatehouseError(.badRequest, "model must be a non-empty string")
        }
        guard name.utf8.count <= ChatRequestFacts.maxModelBytes else {
            throw GatehouseError(.badRequest, "model must be at most \(ChatRequestFacts.maxModelBytes) bytes")
        }
        return name
    }

    /// `POST /api/pull` (`{"model": REF, "stream": true}`): `model.manage` on the reference, then
    /// the registry's rules; progress as Ollama's status lines.
    func ollamaPull(_ request: Request) async throws -> Response {
        let identity = try await identify(request, .modelManage)
        let body = try await Self.json(request)
        let reference = try Self.modelName(in: body)
        let stream = body["stream"]?.boolValue ?? true
        let name = body["as"]?.stringValue
        let replace = body["replace"]?.boolValue ?? false
        do {
            return try await decided(request, identity, .modelManage, resource: reference) { caller in
                let ticket = try pulls.authorize(reference, as: name, replace: replace, caller: caller)
                guard stream else {
                    let pulled = try await pulls.fetch(ticket) { _ in }
                    PullMetrics.count(.model, "ok")
                    return Served(
                        response: Self.response(["status": "success"], plan: nil),
                        outcome: "ok stored=\(pulled.model.name) manifest=\(pulled.manifest)")
                }
                // Streamed: progress goes out while the pull runs, so no client waits in silence for
                // gigabytes; the pull's end is recorded as its own model.manage record.
                let pull = StreamedPull(
                    spine: spine, pulls: pulls, ticket: ticket, principal: caller.principal, reference: reference,
                    traceID: identity.traceID)
                return Served(
                    response: Response(
                        status: .ok, headers: [.contentType: "application/x-ndjson"], body: pull.body()),
                    outcome: "ok pulling as=\(ticket.storedName)")
            }
        } catch {
            // Refused or failed before any progress went out (a streamed pull counts its own end).
            PullMetrics.count(.model, PullMetrics.result(of: error))
            throw error
        }
    }

    /// A name a caller may ask for, with what is known of the model behind it.
    struct Listed {
        var name: String
        var summary: ModelSummary?
    }

    /// Aliases, then stored models not hidden behind an alias of the same name, each only when
    /// the policy allows the caller `model.use` on it.
    func usable(by caller: Caller) throws -> [Listed] {
        let config = spine.config.loaded.config.inference
        let stored = try runtime.stored.list()
        var listed: [Listed] = config.models.map { alias in
            let local = alias.candidates.lazy.compactMap { candidate -> StoredModel? in
                guard case .local(let name) = candidate else { return nil }
                let wanted = (try? ModelName(validating: name).value) ?? name
                return stored.first { $0.name.value == wanted }
            }.first
            var summary = local.map(Self.summary)
            summary?.name = alias.name
            return Listed(name: alias.name, summary: summary)
        }
        for model in stored where !listed.contains(where: { $0.name == model.name.value }) {
            listed.append(Listed(name: model.name.value, summary: Self.summary(model)))
        }
        let policy = spine.config.policy
        return listed.filter {
            policy.decide(caller.principal, Action(.modelUse, resource: $0.name), scopes: caller.scopes).isAllowed
        }
    }

    static func summary(_ model: StoredModel) -> ModelSummary {
        ModelSummary(
            name: model.name.value, digest: model.digest.description, sizeBytes: model.size,
            modifiedAt: model.createdAt,
            family: model.architecture ?? "unknown", parameterCount: model.parameterCount,
            quantization: model.quantization ?? "unknown", contextLength: model.contextLength, license: nil)
    }

    /// What Ollama's listings show of an alias served only remotely.
    static func remoteSummary(_ name: String) -> ModelSummary {
        ModelSummary(
            name: name, digest: OCIDigest.of(Array(name.utf8)).description, sizeBytes: 0,
            modifiedAt: Date(timeIntervalSince1970: 0),
            family: "remote", parameterCount: 0, quantization: "unknown", contextLength: nil, license: nil,
            capabilities: ["completion", "tools"])
    }
}
