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
        let rules = config.loaded.config.registry.signatures.filter { $0.covers(repository.description) }
        guard !rules.isEmpty else { return }
        if case .tag(let tag) = reference, tag.hasSuffix(".sig"), tag.hasPrefix("sha256-") { return }
        if await verified.contains(repository.description, manifest.digest) { return }
        for rule in rules {
            let keys = try SignatureKeys(files: rule.keys)
            let fact = try await proxy.signature(of: manifest, in: repository, keys: keys)
            guard fact.signer != nil else {
                throw Spine.Refusal(
                    rule: rule.id,
                    reason:
                        "\(repository)@\(manifest.digest) must carry a signature by a key of \(rule.id): \(fact.detail)"
                )
            }
        }
        if manifest.isIndex {
            await verified.insert(repository.description, manifest.references.map(\.digest))
        }
        await verified.insert(repository.description, [manifest.digest])
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
