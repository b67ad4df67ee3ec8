import GatehouseCore
import GatehouseRegistry

/// Enforces `registry.attestations`: a manifest in a covered repository is served only when the
/// required kinds (SBOM, provenance) are attached — buildx attestation manifests in its index,
/// or referrers. The platform manifests of an index that passed are accepted by digest.
struct AttestationGate: Sendable {
    let config: ConfigHolder
    let proxy: RegistryProxy
    let passed = VerifiedDigests()

    /// Throws a ``Spine/Refusal`` naming the rule and the missing kinds.
    func check(_ manifest: Manifest, in repository: Repository) async throws {
        if await passed.contains(repository.description, manifest.digest) { return }
        let results = try await evaluate(manifest, in: repository)
        if let failed = results.first(where: { !$0.missing.isEmpty }) {
            throw Spine.Refusal(
                rule: failed.rule,
                reason:
                    "\(repository)@\(manifest.digest) lacks attestations: \(failed.missing.map(\.rawValue).joined(separator: ", "))"
            )
        }
        if manifest.isIndex, !results.isEmpty {
            await passed.insert(repository.description, manifest.references.map(\.digest))
        }
    }

    /// What each covering rule finds missing, with the facts.
    func evaluate(_ manifest: Manifest, in repository: Repository) async throws -> [(
        rule: String, missing: [AttestationKind], facts: AttestationFacts
    )] {
        let rules = config.loaded.config.registry.attestations.filter { $0.covers(repository.description) }
        guard !rules.isEmpty else { return [] }
        let facts = try await proxy.attestations(of: manifest, in: repository)
        return rules.map { rule in
            (rule.id, facts.missing(rule.require.compactMap(AttestationKind.init(rawValue:))), facts)
        }
    }
}
