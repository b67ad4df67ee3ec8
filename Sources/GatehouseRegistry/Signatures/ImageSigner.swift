public import Crypto
import Foundation
public import GatehouseCore
import NIOHTTP1

/// `gatehouse image sign`: writes cosign's legacy signature form for an image to its registry —
/// the simple-signing payload and an empty config as blobs, and a manifest under
/// `sha256-<hex>.sig` with the signature in the layer's annotation, adding to the signatures
/// already there.
public struct ImageSigner: Sendable {
    let client: UpstreamClient

    /// A signer talking to registries through `client`.
    public init(client: UpstreamClient) { self.client = client }

    /// Loads an unencrypted ECDSA P-256 private key in PEM (PKCS#8 or SEC 1). Cosign's encrypted
    /// keys are refused with a message saying how to export one.
    public static func privateKey(file: String) throws(GatehouseError) -> P256.Signing.PrivateKey {
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
            throw GatehouseError(.badRequest, "cannot read the key \(file)")
        }
        if text.contains("ENCRYPTED") {
            throw GatehouseError(
                .badRequest,
                "\(file) is encrypted; give an unencrypted PEM P-256 key (openssl ecparam -name prime256v1)")
        }
        guard let key = try? P256.Signing.PrivateKey(pemRepresentation: text) else {
            throw GatehouseError(.badRequest, "\(file) is not an ECDSA P-256 private key in PEM")
        }
        return key
    }

    /// Signs the manifest `reference` names in `repository`; returns its digest.
    public func sign(_ repository: Repository, _ reference: ManifestReference, key: P256.Signing.PrivateKey)
        async throws -> Digest
    {
        let manifest = try await fetch(repository, reference)
        let payload = SimpleSigning.payload(reference: repository.description, digest: manifest.digest)
        let signature = try key.signature(for: payload).derRepresentation.base64EncodedString()
        let pusher = RegistryPusher(client: client)
        let payloadDigest = try await pusher.upload(payload, to: repository)
        let config = Data("{}".utf8)
        let configDigest = try await pusher.upload(config, to: repository)
        var layers: [[String: Any]] = []
        let tag = SimpleSigning.tag(for: manifest.digest)
        if let existing = try? await fetch(repository, .tag(tag)),
            let object = try? JSONSerialization.jsonObject(with: existing.bytes) as? [String: Any],
            let old = object["layers"] as? [[String: Any]]
        {
            layers = old.filter {
                ($0["annotations"] as? [String: String])?[SimpleSigning.signatureAnnotation] != signature
            }
        }
        layers.append([
            "mediaType": SimpleSigning.payloadType, "digest": payloadDigest.description, "size": payload.count,
            "annotations": [SimpleSigning.signatureAnnotation: signature],
        ])
        let signatures: [String: Any] = [
            "schemaVersion": 2, "mediaType": MediaTypes.ociManifest,
            "config": [
                "mediaType": "application/vnd.oci.image.config.v1+json", "digest": configDigest.description,
                "size": config.count,
            ],
            "layers": layers,
        ]
        let bytes = try JSONSerialization.data(
            withJSONObject: signatures, options: [.sortedKeys, .withoutEscapingSlashes])
        try await pusher.put(manifest: bytes, mediaType: MediaTypes.ociManifest, tag: tag, in: repository)
        return manifest.digest
    }

    private func fetch(_ repository: Repository, _ reference: ManifestReference) async throws -> Manifest {
        let response = try await client.send(
            .GET, repository, "manifests/\(reference)",
            headers: [("Accept", MediaTypes.manifests.joined(separator: ", "))],
            push: true)
        try RegistryProxy.check(response, what: "manifest \(reference)", unknown: .ociManifestUnknown)
        let bytes = try await UpstreamClient.collect(response, limit: UpstreamClient.maxManifestBytes, what: "manifest")
        return try Manifest(bytes: bytes, declaredType: response.headers.first(name: "Content-Type"))
    }
}
