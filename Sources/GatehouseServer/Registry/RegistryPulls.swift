import GatehouseCore
import GatehouseRegistry

/// Content pulled for a caller outside the registry API (a model, an agent file), under the
/// registry's rules for that caller: `image.pull` on the reference and its image class, then
/// signatures and attestations where the configuration demands them, with the manifest and blobs
/// from the proxy's verified cache.
struct RegistryPulls: Sendable {
    let spine: Spine
    let proxy: RegistryProxy
    let signatures: SignatureGate
    let attestations: AttestationGate

    /// A reference, parsed, and the resource `image.pull` is decided on.
    struct Target: Sendable {
        var repository: Repository
        var wanted: ManifestReference
        /// `registry/path:tag` or `registry/path@digest`.
        var resource: String

        /// Parses `reference`; Docker's short names are allowed (`ai/smollm2` is
        /// docker.io/ai/smollm2).
        init(_ reference: String) throws {
            (repository, wanted) = try ImageReference.parse(ImageReference.qualified(reference))
            resource =
                switch wanted {
                case .tag(let tag): "\(repository):\(tag)"
                case .digest(let digest): "\(repository)@\(digest)"
                }
        }
    }

    /// `image.pull` on the target and its image class for `caller`; a refusal names the rule.
    func authorize(_ target: Target, caller: Caller) throws {
        let decision = spine.config.policy.decide(
            caller.principal, Action(.imagePull, resource: target.resource), scopes: caller.scopes)
        guard decision.isAllowed else { throw Spine.Refusal(rule: decision.rule, reason: decision.reason) }
        if let refusal = spine.imageClassRefusal(caller, target.repository) { throw refusal }
    }

    /// The OCI image manifest the target names, once the signature and attestation rules hold
    /// (a rule that does not refuses as a ``Spine/Refusal``).
    func manifest(_ target: Target) async throws -> Manifest {
        let manifest = try await proxy.manifest(target.repository, target.wanted, accept: [MediaTypes.ociManifest])
        try await signatures.check(manifest, target.wanted, in: target.repository)
        try await attestations.check(manifest, in: target.repository)
        return manifest
    }
}
