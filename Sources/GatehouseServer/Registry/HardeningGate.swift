import GatehouseCore
import GatehouseRegistry

/// Enforces `registry.hardened`: an image manifest in a covered repository is served only when
/// its facts (non-root user, no shell, no package manager, from its real layers) pass every
/// covering rule. Facts are computed once per digest.
struct HardeningGate: Sendable {
    let config: ConfigHolder
    let proxy: RegistryProxy
    let known = KnownFacts()

    /// Throws a ``Spine/Refusal`` naming the rule and the failing facts.
    func check(_ manifest: Manifest, in repository: Repository) async throws {
        let rules = config.loaded.config.registry.hardened.filter { $0.covers(repository.description) }
        guard !rules.isEmpty, !manifest.isIndex else { return }
        let facts = try await facts(of: manifest, in: repository)
        for rule in rules {
            let failing = facts.failing(rule.require)
            guard failing.isEmpty else {
                throw Spine.Refusal(
                    rule: rule.id,
                    reason:
                        "\(repository)@\(manifest.digest) fails \(failing.joined(separator: ", ")) (\(facts.summary))")
            }
        }
    }

    /// The facts of an image manifest, computed once per digest.
    func facts(of manifest: Manifest, in repository: Repository) async throws -> HardeningFacts {
        if let cached = await known.facts(manifest.digest) { return cached }
        let facts = try await proxy.hardeningFacts(of: manifest, in: repository)
        await known.insert(manifest.digest, facts)
        return facts
    }
}

/// Hardening facts per image digest (content cannot change), bounded.
actor KnownFacts {
    private var entries: [Digest: HardeningFacts] = [:]

    func facts(_ digest: Digest) -> HardeningFacts? { entries[digest] }

    func insert(_ digest: Digest, _ facts: HardeningFacts) {
        if entries.count >= 10_000 { entries.removeAll() }
        entries[digest] = facts
    }
}
