import Foundation
import GatehouseCore
import GatehouseRegistry
import Hummingbird

/// `POST /api/v1/images/check {"image": "REGISTRY/REPO:TAG"}` (action `image.check`): every fact
/// Gatehouse knows about an image and the decision a pull by the caller would get — the
/// policy's, the image class's, each signature rule's and each hardened rule's. Content is
/// fetched only when the policy would let the caller pull it.
struct ImageCheckRoutes: Sendable {
    let spine: Spine
    let proxy: RegistryProxy
    let signatures: SignatureGate
    let hardening: HardeningGate
    let attestations: AttestationGate

    func register(on router: Router<some RequestContext>) {
        router.post("/api/v1/images/check") { request, _ -> Response in
            var body = request
            let buffer: ByteBuffer
            do {
                buffer = try await body.collectBody(upTo: 16 * 1024)
            } catch {
                throw GatehouseError(.badRequest, "the body must be {\"image\": \"REGISTRY/REPOSITORY:TAG\"}")
            }
            guard let wanted = try? JSONDecoder().decode(Wanted.self, from: Data(buffer.readableBytesView)) else {
                throw GatehouseError(.badRequest, "the body must be {\"image\": \"REGISTRY/REPOSITORY:TAG\"}")
            }
            let (repository, reference) = try ImageReference.parse(wanted.image)
            let resource = RegistryRoutes.resource(.manifest(repository, reference))
            var spineRequest = AdminRoutes.spineRequest(request, .imageCheck, resource: resource)
            spineRequest.payload = PayloadDigest(bytes: buffer.readableBytesView)
            return try await spine.handle(spineRequest) { caller, _ in
                JSONBody.response(try await check(caller, repository, reference, resource: resource))
            }
        }
    }

    private func check(_ caller: Caller, _ repository: Repository, _ reference: ManifestReference, resource: String)
        async throws -> Report
    {
        let policy = spine.config.policy
        let pull = policy.decide(caller.principal, Action(.imagePull, resource: resource), scopes: caller.scopes)
        var report = Report(image: resource)
        report.add(.init(name: "policy", rule: pull.rule, passed: pull.isAllowed, detail: pull.reason))
        guard pull.isAllowed else { return report }
        if let name = spine.config.loaded.config.registry.imageClass(of: repository.description) {
            let decision = policy.decide(
                caller.principal, Action(.imagePull, resource: "class:" + name), scopes: caller.scopes)
            report.add(
                .init(name: "class \(name)", rule: decision.rule, passed: decision.isAllowed, detail: decision.reason))
        }
        let manifest = try await proxy.manifest(repository, reference, accept: [])
        report.digest = manifest.digest.description
        for (rule, fact) in try await signatures.evaluate(manifest, in: repository) {
            report.add(.init(name: "signature", rule: rule, passed: fact.signer != nil, detail: fact.detail))
        }
        for (rule, missing, facts) in try await attestations.evaluate(manifest, in: repository) {
            let detail =
                missing.isEmpty
                ? facts.sources.joined(separator: "; ")
                : "missing " + missing.map(\.rawValue).joined(separator: ", ")
            report.add(.init(name: "attestations", rule: rule, passed: missing.isEmpty, detail: detail))
        }
        let rules = spine.config.loaded.config.registry.hardened.filter { $0.covers(repository.description) }
        if !manifest.isIndex {
            let facts = try await hardening.facts(of: manifest, in: repository)
            report.facts = facts
            for rule in rules {
                let failing = facts.failing(rule.require)
                report.add(
                    .init(
                        name: "hardened", rule: rule.id, passed: failing.isEmpty,
                        detail: failing.isEmpty ? facts.summary : "fails \(failing.joined(separator: ", "))"))
            }
        }
        return report
    }

    struct Wanted: Decodable {
        let image: String
    }

    /// What `gatehouse image check` prints.
    struct Report: Codable {
        struct Check: Codable {
            let name: String
            let rule: String
            let passed: Bool
            let detail: String
        }
        let image: String
        var digest: String?
        var facts: HardeningFacts?
        private(set) var checks: [Check] = []
        /// Whether a pull would be served: every check passed.
        private(set) var allowed = true

        init(image: String) { self.image = image }

        mutating func add(_ check: Check) {
            checks.append(check)
            allowed = allowed && check.passed
        }
    }
}
