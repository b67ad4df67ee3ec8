import Foundation
import GatehouseCore

/// What attestations an image has, and where they were found.
public struct AttestationFacts: Sendable, Hashable, Codable {
    /// The kinds found.
    public let kinds: Set<AttestationKind>
    /// Where each was found, for people and the audit trail.
    public let sources: [String]

    /// The required kinds that are missing.
    public func missing(_ required: [AttestationKind]) -> [AttestationKind] { required.filter { !kinds.contains($0) } }
}

extension RegistryProxy {
    static let referenceType = "vnd.docker.reference.type"
    static let attestationManifest = "attestation-manifest"
    static let predicateAnnotation = "in-toto.io/predicate-type"

    /// The attestations of `manifest`: buildx attestation manifests inside it (when it is an
    /// index), and its referrers (the API, or the `sha256-<hex>` tag where there is none).
    public func attestations(of manifest: Manifest, in repository: Repository) async throws -> AttestationFacts {
        var kinds: Set<AttestationKind> = []
        var sources: [String] = []
        func found(_ kind: AttestationKind, _ source: String) {
            if kinds.insert(kind).inserted { sources.append("\(kind.rawValue) from \(source)") }
        }
        if manifest.isIndex {
            for entry in Self.descriptors(manifest.bytes, key: "manifests").prefix(64)
            where entry.annotations[Self.referenceType] == Self.attestationManifest {
                let attestation = try await self.manifest(
                    repository, .digest(entry.digest), accept: [MediaTypes.ociManifest])
                for layer in Self.descriptors(attestation.bytes, key: "layers") {
                    if let kind = layer.annotations[Self.predicateAnnotation].flatMap(
                        AttestationKind.of(predicateType:))
                    {
                        found(kind, "a buildx attestation manifest")
                    }
                }
            }
        }
        let referrers = try await referrers(repository, manifest.digest, artifactType: nil)
        for entry in Self.descriptors(referrers, key: "manifests").prefix(256) {
            if let kind = entry.annotations[Self.predicateAnnotation].flatMap(AttestationKind.of(predicateType:))
                ?? entry.artifactType.flatMap(AttestationKind.of(artifactType:))
            {
                found(kind, "a referrer (\(entry.artifactType ?? "in-toto"))")
            }
        }
        return AttestationFacts(kinds: kinds, sources: sources)
    }

    struct AnnotatedDescriptor {
        let digest: Digest
        let artifactType: String?
        let annotations: [String: String]
    }

    /// The descriptors under `key` with their annotations; malformed entries are skipped.
    static func descriptors(_ bytes: Data, key: String) -> [AnnotatedDescriptor] {
        guard bytes.count <= UpstreamClient.maxListBytes,
            let object = try? JSONSerialization.jsonObject(with: bytes) as? [String: Any],
            let list = object[key] as? [[String: Any]]
        else { return [] }
        return list.compactMap { entry in
            guard let text = entry["digest"] as? String, let digest = try? Digest(parsing: text) else { return nil }
            return AnnotatedDescriptor(
                digest: digest, artifactType: entry["artifactType"] as? String,
                annotations: entry["annotations"] as? [String: String] ?? [:])
        }
    }
}
