import GatehouseCore
import GatehouseRegistry

/// Enforces `registry.signatures`: a manifest in a covered repository is served only when a
/// cosign signature of its digest verifies with a key of every covering rule. The platform
/// manifests of a verified index are accepted by digest (cosign signs the index), and signature
/// manifests themselves are not required to be signed.
struct SignatureGate: Sendable {
    let config: ConfigHolder
    let proxy: RegistryProxy
    let verified = VerifiedDigests()

    /// Throws a ``Spine/Refusal`` naming the rule when `manifest` lacks a required signature.
    func check(_ manifest: Manifest, _ reference: ManifestReference, in repository: Repository) async throws {
        if case .tag(let tag) = reference, tag.hasSuffix(".sig"), tag.hasPrefix("sha256-") { return }
        if await verified.contains(repository.description, manifest.digest) { return }
        let results = try await evaluate(manifest, in: repository)
        guard !results.isEmpty else { return }
        if let failed = results.first(where: { $0.fact.signer == nil }) {
            throw Spine.Refusal(
                rule: failed.rule,
                reason:
                    "\(repository)@\(manifest.digest) must carry a signature by a key of \(failed.rule): \(failed.fact.detail)"
            )
        }
        if manifest.isIndex {
            await verified.insert(repository.description, manifest.references.map(\.digest))
        }
        await verified.insert(repository.description, [manifest.digest])
    }

    /// What each covering rule finds about `manifest`'s signatures.
    func evaluate(_ manifest: Manifest, in repository: Repository) async throws -> [(rule: String, fact: SignatureFact)]
    {
        var out: [(String, SignatureFact)] = []
        for rule in config.loaded.config.registry.signatures where rule.covers(repository.description) {
            let keys = try SignatureKeys(files: rule.keys)
            out.append((rule.id, try await proxy.signature(of: manifest, in: repository, keys: keys)))
        }
        return out
    }
}

/// Digests whose signatures were verified (and the children of verified indexes), per
/// repository, bounded.
actor VerifiedDigests {
    private var entries: Set<String> = []
    private let limit = 50_000

    func contains(_ repository: String, _ digest: Digest) -> Bool { entries.contains("\(repository)@\(digest)") }

    func insert(_ repository: String, _ digests: [Digest]) {
        if entries.count + digests.count > limit { entries.removeAll() }
        for digest in digests { entries.insert("\(repository)@\(digest)") }
    }
}
