import AsyncHTTPClient
import Foundation
import GatehouseCore
import GatehouseInference
import HTTPTypes
import Hummingbird
import NIOCore

extension InferenceRoutes {
    /// `POST /v1/chat/completions` and `/v1/completions`.
    func openAI(_ request: Request, kind: ChatRequestFacts.Kind) async throws -> Response {
        let identity = try await identify(request, .modelUse)
        let body = try await Self.json(request)
        let facts = try ChatRequestFacts(body: body, kind: kind)
        let path = kind == .chat ? "/chat/completions" : "/completions"
        return try await served(request, identity, model: facts.model, prompt: facts.promptCanonical) {
            caller, traceID in
            let plan = try await runtime.plan(
                model: facts.model, caller: caller, contextTokens: facts.estimatedPromptTokens + (facts.maxTokens ?? 0))
            let engineBody = ChatRequestFacts.forEngine(body, model: plan.engineModel, stream: facts.stream)
            let upstream = try await send(path, engineBody, plan: plan, traceID: traceID)
            if facts.stream {
                let relay = StreamRelay(
                    runtime: runtime, spine: spine, plan: plan, principal: caller.principal, model: facts.model,
                    traceID: traceID, estimatedPromptTokens: facts.estimatedPromptTokens)
                let response = relay.openAIResponse(
                    upstream, wantsUsage: facts.includeUsage, estimatedPromptTokens: facts.estimatedPromptTokens)
                return Served(response: response, outcome: "ok \(plan.described) stream")
            }
            var answer = try await Self.answer(upstream, from: plan, releasing: true)
            let usage =
                TokenUsage(openAI: answer["usage"])
                ?? TokenUsage(
                    promptTokens: facts.estimatedPromptTokens, completionTokens: Self.estimatedTokens(of: answer),
                    estimated: true)
            answer["model"] = .string(facts.model)
            answer["usage"] = usage.openAI
            let accounted = await runtime.account(plan, principal: caller.principal, model: facts.model, usage: usage)
            return Served(response: Self.response(answer, plan: plan), outcome: "ok \(plan.described) \(accounted)")
        }
    }

    /// `POST /v1/embeddings`.
    func openAIEmbeddings(_ request: Request) async throws -> Response {
        let identity = try await identify(request, .modelUse)
        let body = try await Self.json(request)
        let model = try Self.modelName(in: ["model": body["model"] ?? .null])
        guard let input = body["input"] else { throw GatehouseError(.badRequest, "input is required") }
        return try await served(request, identity, model: model, prompt: input.encoded) { caller, traceID in
            let tokens = (input.encoded.count + 3) / 4
            let plan = try await runtime.plan(model: model, caller: caller, contextTokens: tokens)
            var answer = try await embeddings(body, plan: plan, traceID: traceID)
            answer["model"] = .string(model)
            let usage =
                TokenUsage(openAI: answer["usage"])
                ?? TokenUsage(promptTokens: tokens, completionTokens: 0, estimated: true)
            let accounted = await runtime.account(plan, principal: caller.principal, model: model, usage: usage)
            return Served(response: Self.response(answer, plan: plan), outcome: "ok \(plan.described) \(accounted)")
        }
    }

    /// Sends an embeddings request to the plan's endpoint; a local engine's per-token vectors are
    /// mean-pooled into one vector per input, as OpenAI's API answers.
    func embeddings(_ body: JSONValue, plan: InferencePlan, traceID: String) async throws -> JSONValue {
        var engineBody = body
        engineBody["model"] = .string(plan.engineModel)
        let upstream = try await send("/embeddings", engineBody, plan: plan, traceID: traceID)
        var answer = try await Self.answer(upstream, from: plan, releasing: true)
        if case .array(let items)? = answer["data"] {
            answer["data"] = .array(items.map(EmbeddingPooling.pooled))
        }
        return answer
    }

    /// W3C trace context for the upstream, under the request's trace id.
    static func traceparent(_ traceID: String) -> String {
        "00-\(traceID)-\(TraceID.span())-01"
    }

    /// A rough count of an answer's completion tokens when the engine gives none: four bytes a
    /// token over the choices' text.
    static func estimatedTokens(of answer: JSONValue) -> Int {
        let bytes = (answer["choices"]?.arrayValue ?? []).reduce(0) { total, choice in
            total + (choice["message"]?["content"]?.stringValue?.utf8.count ?? 0)
                + (choice["text"]?.stringValue?.utf8.count ?? 0)
                + (choice["message"]?["tool_calls"]?.encoded.count ?? 0)
        }
        return (bytes + 3) / 4
    }
}

/// Per-token embedding vectors (what llama-cpp-python's server answers) averaged into one.
enum EmbeddingPooling {
    static func pooled(_ item: JSONValue) -> JSONValue {
        guard case .array(let rows)? = item["embedding"], case .array? = rows.first else { return item }
        var sums: [Double] = []
        var count = 0
        for row in rows {
            guard case .array(let values) = row else { continue }
            if sums.isEmpty { sums = Array(repeating: 0, count: values.count) }
            guard values.count == sums.count else { continue }
            for (index, value) in values.enumerated() { sums[index] += value.doubleValue ?? 0 }
            count += 1
        }
        var pooled = item
        pooled["embedding"] = .array(sums.map { .number(count > 0 ? $0 / Double(count) : 0) })
        return pooled
    }
}

extension JSONValue {
    /// The number, when this is one.
    var doubleValue: Double? {
        switch self {
        case .integer(let value): Double(value)
        case .number(let value): value
        default: nil
        }
    }
}
