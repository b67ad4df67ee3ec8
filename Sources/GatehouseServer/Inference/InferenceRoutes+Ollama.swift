import AsyncHTTPClient
import Foundation
import GatehouseCore
import GatehouseInference
import Hummingbird
import NIOCore

extension InferenceRoutes {
    /// `POST /api/chat`.
    func ollamaChat(_ request: Request) async throws -> Response {
        let identity = try await identify(request, .modelUse)
        let translation = try OllamaChatTranslation(body: try await Self.json(request))
        return try await ollamaGenerate(
            request, identity, openAI: translation.openAI, model: translation.model, stream: translation.stream,
            keepAlive: translation.keepAlive, loadOnly: translation.loadOnly, target: .chat, mode: .chat)
    }

    /// `POST /api/generate`.
    func ollamaGenerate(_ request: Request) async throws -> Response {
        let identity = try await identify(request, .modelUse)
        let translation = try OllamaGenerateTranslation(body: try await Self.json(request))
        return try await ollamaGenerate(
            request, identity, openAI: translation.openAI, model: translation.model, stream: translation.stream,
            keepAlive: translation.keepAlive, loadOnly: translation.loadOnly,
            target: translation.target == .chat ? .chat : .completion, mode: .generate)
    }

    private func ollamaGenerate(
        _ request: Request, _ identity: Identified, openAI: JSONValue, model: String, stream: Bool,
        keepAlive: KeepAlive?, loadOnly: Bool,
        target: ChatRequestFacts.Kind, mode: OllamaStreamTranslator.Mode
    ) async throws -> Response {
        // A load-only request (no messages, no prompt) asks to load the model, nothing more.
        let facts =
            loadOnly
            ? ChatRequestFacts.loadOnly(model: model, kind: target)
            : try ChatRequestFacts(body: openAI, kind: target)
        let path = target == .chat ? "/chat/completions" : "/completions"
        return try await served(request, identity, model: model, prompt: facts.promptCanonical) { caller, traceID in
            let loadStarted = ContinuousClock.now
            let plan = try await runtime.plan(
                model: model, caller: caller, contextTokens: facts.estimatedPromptTokens + (facts.maxTokens ?? 0),
                keepAlive: keepAlive?.duration)
            let loadNanoseconds = Self.nanoseconds(loadStarted.duration(to: .now))
            if loadOnly {
                await plan.release()
                let unloaded: Bool = if case .unloadNow? = keepAlive { true } else { false }
                let answer = OllamaResponse.loaded(
                    model: model, createdAt: Date(), unloaded: unloaded, chat: mode == .chat)
                return Served(response: Self.response(answer, plan: plan), outcome: "ok \(plan.described) load_only")
            }
            let engineBody = ChatRequestFacts.forEngine(openAI, model: plan.engineModel, stream: stream)
            let upstream = try await send(path, engineBody, plan: plan, traceID: traceID)
            if stream {
                let relay = StreamRelay(
                    runtime: runtime, spine: spine, plan: plan, principal: caller.principal, model: model,
                    traceID: traceID, estimatedPromptTokens: facts.estimatedPromptTokens)
                let response = relay.ollamaResponse(
                    upstream, mode: mode, estimatedPromptTokens: facts.estimatedPromptTokens,
                    loadNanoseconds: loadNanoseconds)
                return Served(response: response, outcome: "ok \(plan.described) stream")
            }
            let answer = try await Self.answer(upstream, from: plan, releasing: true)
            let timings = OllamaTimings(
                totalDuration: Self.nanoseconds(loadStarted.duration(to: .now)), loadDuration: loadNanoseconds)
            let usage =
                TokenUsage(openAI: answer["usage"])
                ?? TokenUsage(
                    promptTokens: facts.estimatedPromptTokens, completionTokens: Self.estimatedTokens(of: answer),
                    estimated: true)
            let accounted = await runtime.account(plan, principal: caller.principal, model: model, usage: usage)
            let translated =
                mode == .chat
                ? try OllamaResponse.chat(
                    answer, model: model, createdAt: Date(), timings: timings,
                    estimatedPromptTokens: facts.estimatedPromptTokens)
                : try OllamaResponse.generate(
                    answer, model: model, createdAt: Date(), timings: timings,
                    estimatedPromptTokens: facts.estimatedPromptTokens)
            return Served(response: Self.response(translated, plan: plan), outcome: "ok \(plan.described) \(accounted)")
        }
    }

    /// `POST /api/embed` and the older `/api/embeddings`.
    func ollamaEmbed(_ request: Request, legacy: Bool) async throws -> Response {
        let identity = try await identify(request, .modelUse)
        let body = try await Self.json(request)
        let translation =
            legacy ? try OllamaEmbedTranslation(legacyEmbeddings: body) : try OllamaEmbedTranslation(embed: body)
        let input = translation.openAI["input"] ?? .null
        return try await served(request, identity, model: translation.model, prompt: input.encoded) { caller, traceID in
            let started = ContinuousClock.now
            let tokens = (input.encoded.count + 3) / 4
            let plan = try await runtime.plan(
                model: translation.model, caller: caller, contextTokens: tokens,
                keepAlive: translation.keepAlive?.duration)
            if translation.inputCount == 0 {
                // Ollama's way to load an embedding model: nothing to embed.
                await plan.release()
                let loaded: JSONValue = ["model": .string(translation.model), "embeddings": []]
                return Served(response: Self.response(loaded, plan: plan), outcome: "ok \(plan.described) load_only")
            }
            let answer = try await embeddings(translation.openAI, plan: plan, traceID: traceID)
            let usage =
                TokenUsage(openAI: answer["usage"])
                ?? TokenUsage(promptTokens: tokens, completionTokens: 0, estimated: true)
            let accounted = await runtime.account(
                plan, principal: caller.principal, model: translation.model, usage: usage)
            let translated =
                legacy
                ? try OllamaResponse.legacyEmbedding(answer)
                : try OllamaResponse.embed(
                    answer, model: translation.model,
                    timings: OllamaTimings(totalDuration: Self.nanoseconds(started.duration(to: .now))))
            return Served(response: Self.response(translated, plan: plan), outcome: "ok \(plan.described) \(accounted)")
        }
    }

    static func nanoseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}

extension KeepAlive {
    /// The engine manager's keep-alive: zero unloads after the request, negative never.
    var duration: Duration {
        switch self {
        case .unloadNow: .zero
        case .forever: .seconds(-1)
        case .seconds(let seconds): .milliseconds(Int64(seconds * 1000))
        }
    }
}
