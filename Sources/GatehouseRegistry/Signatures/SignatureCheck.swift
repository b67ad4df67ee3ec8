import Foundation
import GatehouseCore

/// What was found about an image's signatures: who signed it, or why nothing valid was found.
public struct SignatureFact: Sendable, Hashable {
    /// The key (file) that signed the manifest's digest; nil when none did.
    public let signer: String?
    /// A short explanation for people and the audit trail.
    public let detail: String
}

extension RegistryProxy {
    /// Looks for a cosign signature of `manifest` (the legacy `sha256-<hex>.sig` tag) by one of
    /// `keys`. A signature counts only when its payload names exactly this manifest's digest
    /// and verifies with a key; payload blobs are fetched through the verified cache.
    public func signature(of manifest: Manifest, in repository: Repository, keys: SignatureKeys) async throws
        -> SignatureFact
    {
        var seen: [String] = []
        if let signer = try await legacySignature(of: manifest, in: repository, keys: keys, seen: &seen) {
            return SignatureFact(signer: signer, detail: "signed by \(signer)")
        }
        if let signer = try await bundleSignature(of: manifest, in: repository, keys: keys, seen: &seen) {
            return SignatureFact(signer: signer, detail: "signed by \(signer) (sigstore bundle)")
        }
        return SignatureFact(
            signer: nil,
            detail: seen.isEmpty
                ? "no signature is attached (no \(SimpleSigning.tag(for: manifest.digest)) tag, no sigstore bundle referrer)"
                : "found " + Set(seen).sorted().joined(separator: ", "))
    }

    /// Cosign's legacy form: the `sha256-<hex>.sig` tag.
    private func legacySignature(
        of manifest: Manifest, in repository: Repository, keys: SignatureKeys, seen: inout [String]
    ) async throws -> String? {
        let signatures: Manifest
        do {
            signatures = try await self.manifest(
                repository, .tag(SimpleSigning.tag(for: manifest.digest)),
                accept: [MediaTypes.ociManifest, MediaTypes.dockerManifest])
        } catch let error as GatehouseError where error.code == .ociManifestUnknown || error.code == .ociNameUnknown {
            return nil
        }
        for layer in try Self.signatureLayers(signatures.bytes).prefix(32) {
            guard layer.mediaType == SimpleSigning.payloadType, let signature = Data(base64Encoded: layer.signature),
                layer.size <= Int64(SimpleSigning.maxPayloadBytes)
            else {
                seen.append("a layer that is not a signature")
                continue
            }
            let path = try await blob(repository, layer.digest)
            guard let payload = FileManager.default.contents(atPath: path) else { continue }
            guard SimpleSigning.signedDigest(payload) == manifest.digest else {
                seen.append("a signature over another digest")
                continue
            }
            if let signer = keys.signer(of: payload, signature: signature) { return signer }
            seen.append("a signature by an unknown key")
        }
        return nil
    }

    /// Sigstore bundles (v0.3) attached as referrers.
    private func bundleSignature(
        of manifest: Manifest, in repository: Repository, keys: SignatureKeys, seen: inout [String]
    ) async throws -> String? {
        let index = try await referrers(repository, manifest.digest, artifactType: nil)
        for entry in Self.descriptors(index, key: "manifests").prefix(16)
        where SigstoreBundle.artifactTypes.contains(entry.artifactType ?? "") {
            let referrer = try await self.manifest(repository, .digest(entry.digest), accept: [MediaTypes.ociManifest])
            guard let layer = referrer.references.first(where: { SigstoreBundle.artifactTypes.contains($0.mediaType) }),
                layer.size <= Int64(SigstoreBundle.maxBytes)
            else {
                seen.append("a sigstore bundle referrer without a bundle")
                continue
            }
            let path = try await blob(repository, layer.digest)
            guard let bundle = FileManager.default.contents(atPath: path) else { continue }
            switch SigstoreBundle.signer(of: manifest, bundle: bundle, keys: keys) {
            case .success(let signer): return signer
            case .failure(let failure): seen.append(failure.detail)
            }
        }
        return nil
    }

    struct SignatureLayer {
        let mediaType: String
        let digest: Digest
        let size: Int64
        let signature: String
    }

    /// The layers of a signature manifest with their signature annotations.
    static func signatureLayers(_ bytes: Data) throws -> [SignatureLayer] {
        guard let object = try? JSONSerialization.jsonObject(with: bytes) as? [String: Any],
            let layers = object["layers"] as? [[String: Any]]
        else { throw GatehouseError(.ociManifestInvalid, "the signature manifest has no layers") }
        return try layers.map { layer in
            guard let text = layer["digest"] as? String, let size = layer["size"] as? Int else {
                throw GatehouseError(.ociManifestInvalid, "a signature layer lacks a digest or size")
            }
            let annotations = layer["annotations"] as? [String: String] ?? [:]
            return SignatureLayer(
                mediaType: layer["mediaType"] as? String ?? "", digest: try Digest(parsing: text), size: Int64(size),
                signature: annotations[SimpleSigning.signatureAnnotation] ?? "")
        }
    }
}
