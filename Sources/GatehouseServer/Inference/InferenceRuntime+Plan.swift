import Foundation
import GatehouseCore
import GatehouseInference
import GatehouseStore
import Logging

extension InferenceRuntime {
    /// Chooses where a request for `model` by `caller` goes (see ``ModelRouter``), counts it against
    /// the caller's limits, and takes a lease on the local engine if one serves it. Refusals by a
    /// limit or the policy are ``Spine/Refusal``s naming the rule.
    func plan(
        model: String, caller: Caller, contextTokens: Int, keepAlive: Duration? = nil
    ) async throws -> InferencePlan {
        let inference = config.loaded.config.inference
        let candidates = try resolve(model)
        let principal = caller.principal
        // No limits, no hops to the ledger; no local candidate, none to the engines.
        var admission = UsageLedger.Admission(counted: [])
        if !inference.limits.isEmpty {
            do {
                admission = try await ledger.admit(
                    inference.limits, principal: principal.key, subject: principal.subject, groups: principal.groups,
                    tokens: contextTokens)
            } catch {
                throw Spine.Refusal(
                    rule: error.limit, reason: "limit \(error.limit): \(error.reason)", code: error.code)
            }
        }
        // A request refused from here on (no route, a spent budget, an engine that cannot start)
        // gives back what it took of the rate windows.
        do {
            return try await choose(
                model, candidates, caller: caller, admission: admission, inference: inference,
                contextTokens: contextTokens, keepAlive: keepAlive)
        } catch {
            if !admission.counted.isEmpty { await ledger.refund(admission) }
            throw error
        }
    }

    private func choose(
        _ model: String, _ candidates: [Candidate], caller: Caller, admission: UsageLedger.Admission,
        inference: InferenceConfig, contextTokens: Int, keepAlive: Duration?
    ) async throws -> InferencePlan {
        let principal = caller.principal
        let spent = admission.hasBudgets ? try await ledger.spentBudget(admission) : nil
        var facts: [(Candidate, RouteFacts)] = []
        var found: [String: StoredModel] = [:]
        let loaded = candidates.contains { !$0.isRemote } ? await engines.loaded() : []
        for candidate in candidates {
            let budgetRoom = spent == nil || !inference.isPriced(candidate.route)
            switch candidate {
            case .local(let name):
                let model = try stored.model(named: name)
                found[name] = model
                let inFlight = loaded.first { $0.name == name }?.inFlight ?? 0
                let length = [engines.settings.contextLength, model?.contextLength].compactMap { $0 }.min()
                facts.append(
                    (
                        candidate,
                        RouteFacts(
                            allowed: true, rule: "model.use", present: model != nil, inFlight: inFlight,
                            contextLength: length, budgetRoom: budgetRoom)
                    ))
            case .remote:
                let decision = config.policy.decide(
                    principal, Action(.modelOffload, resource: candidate.route), scopes: caller.scopes)
                facts.append(
                    (candidate, RouteFacts(allowed: decision.isAllowed, rule: decision.rule, budgetRoom: budgetRoom)))
            }
        }
        switch ModelRouter(queueThreshold: inference.queueThreshold).choose(facts, contextTokens: contextTokens) {
        case .refuse(let skips):
            throw refusal(model, skips, spent: spent)
        case .serve(let candidate, let reason, let rule):
            switch candidate {
            case .local(let name):
                guard let model = found[name] else { throw GatehouseError(.modelNotFound, "no stored model \(name)") }
                let lease = try await engines.lease(try localRef(model), keepAlive: keepAlive)
                let endpoint = UpstreamEndpoint(
                    name: candidate.route, baseURL: lease.baseURL.absoluteString, isLocal: true)
                return InferencePlan(
                    candidate: candidate, reason: reason, endpoint: endpoint, engineModel: name, lease: lease,
                    admission: admission)
            case .remote(let upstream, let remoteModel):
                return InferencePlan(
                    candidate: candidate, reason: reason, endpoint: try endpoint(upstream), engineModel: remoteModel,
                    lease: nil, admission: admission, offloadRule: rule)
            }
        }
    }

    /// The candidates for a requested name: an alias's, else the stored model of that name.
    func resolve(_ name: String) throws -> [Candidate] {
        if let alias = config.loaded.config.inference.model(named: name) {
            return alias.candidates.map { candidate in
                switch candidate {
                case .local(let stored): .local((try? ModelName(validating: stored).value) ?? stored)
                case .upstream(let upstream, let model): .remote(upstream: upstream, model: model)
                }
            }
        }
        if let model = try stored.model(named: name) { return [.local(model.name.value)] }
        throw GatehouseError(
            .modelNotFound, "no model named \(name.prefix(200)); `gatehouse model ls` lists those you may use")
    }

    /// The remote endpoint of the upstream `name`, its key resolved now (so a rotated key is used
    /// at once).
    func endpoint(_ name: String) throws -> UpstreamEndpoint {
        guard let upstream = config.loaded.config.inference.upstream(named: name) else {
            throw GatehouseError(.invalidConfig, "the upstream \(name) is not configured")
        }
        let key: String?
        do {
            key = try upstream.apiKey.map { try secrets.resolve($0) }
        } catch {
            // The reason (a file's path, a variable's name) is for the operator's log only.
            logger.error(
                "an upstream's key could not be resolved", metadata: ["upstream": "\(name)", "error": "\(error)"])
            throw GatehouseError(.upstreamFailed, "the upstream \(name) is not usable now: its key is unavailable")
        }
        return UpstreamEndpoint(
            name: name, baseURL: upstream.baseURL, apiKey: key, timeout: upstream.timeout, isLocal: false)
    }

    /// What the engine manager needs to run a stored model, with its memory estimate.
    func localRef(_ model: StoredModel) throws -> LocalModelRef {
        let path = models.path(of: model)
        let key = model.digest.description
        let bytes = try estimates.value(key) {
            let info = try GGUFFile.read(path: path)
            let context = [engines.settings.contextLength, info.contextLength].compactMap { $0 }
                .min()
            return UInt64(max(0, info.estimatedMemory(contextLength: context)))
        }
        return LocalModelRef(name: model.name.value, path: path, digest: key, estimatedBytes: bytes)
    }

    private func refusal(_ model: String, _ skips: [RouteChoice.Skip], spent: UsageLimit?) -> any Error {
        let why = skips.map(\.description).joined(separator: "; ")
        if let spent, skips.contains(where: { $0.reason.hasPrefix("no budget") }) {
            return Spine.Refusal(
                rule: spent.id, reason: "the monthly budget of limit \(spent.id) is spent (\(why))",
                code: .budgetExceeded)
        }
        if let denied = skips.first(where: { $0.rule != nil }), let rule = denied.rule {
            return Spine.Refusal(rule: rule, reason: "no route to \(model) is allowed: \(why)")
        }
        return GatehouseError(.engineUnavailable, "no candidate can serve \(model) now: \(why)")
    }
}

extension InferenceConfig {
    /// Whether requests on `route` cost anything.
    func isPriced(_ route: String) -> Bool {
        guard let price = price(forRoute: route) else { return false }
        return price.inputMicros > 0 || price.outputMicros > 0
    }

    /// The cost of a finished request in micro-units.
    func costMicros(route: String, usage: TokenUsage) -> Int64 {
        price(forRoute: route)?.costMicros(promptTokens: usage.promptTokens, completionTokens: usage.completionTokens)
            ?? 0
    }
}
