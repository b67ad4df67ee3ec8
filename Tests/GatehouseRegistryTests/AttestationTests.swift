import Foundation
import GatehouseCore
import GatehouseTestSupport
import Testing

@testable import GatehouseRegistry

/// Attestations as buildx and referrers attach them, built with Gatehouse's push client in the
/// CNCF registry: an index with an SPDX attestation manifest, and SLSA provenance attached to the
/// platform manifest through the referrers tag (the registry has no referrers API).
@Suite(.serialized) struct AttestationTests {
    static func json(_ object: [String: Any]) throws -> Data {
        try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
    }

    /// Pushes an attested index for the fixture into `test/attested`; returns the platform
    /// manifest and the index.
    static func attested(_ proxy: RegistryProxy) async throws -> (Manifest, Manifest, Repository) {
        let repository = try await UpstreamRegistryTests.copyFixture(to: "attested")
        let platform = try await proxy.manifest(repository, .tag("1"), accept: [MediaTypes.ociManifest])
        let pusher = RegistryPusher(client: proxy.client)
        let config = Data("{}".utf8)
        let configDigest = try await pusher.upload(config, to: repository)
        let statement = try json([
            "_type": "https://in-toto.io/Statement/v0.1", "predicateType": "https://spdx.dev/Document",
            "subject": [["name": "busybox", "digest": ["sha256": platform.digest.hex]]],
            "predicate": [String: String](),
        ])
        let statementDigest = try await pusher.upload(statement, to: repository)
        let attestation = try json([
            "schemaVersion": 2, "mediaType": MediaTypes.ociManifest,
            "config": [
                "mediaType": "application/vnd.oci.image.config.v1+json", "digest": "\(configDigest)", "size": 2,
            ],
            "layers": [
                [
                    "mediaType": "application/vnd.in-toto+json", "digest": "\(statementDigest)",
                    "size": statement.count,
                    "annotations": ["in-toto.io/predicate-type": "https://spdx.dev/Document"],
                ]
            ],
        ])
        let attestationDigest = Digest.sha256(of: attestation)
        try await pusher.put(
            manifest: attestation, mediaType: MediaTypes.ociManifest, tag: attestationDigest.description, in: repository
        )
        let index = try json([
            "schemaVersion": 2, "mediaType": MediaTypes.ociIndex,
            "manifests": [
                [
                    "mediaType": MediaTypes.ociManifest, "digest": "\(platform.digest)", "size": platform.bytes.count,
                    "platform": ["architecture": "amd64", "os": "linux"],
                ],
                [
                    "mediaType": MediaTypes.ociManifest, "digest": "\(attestationDigest)", "size": attestation.count,
                    "platform": ["architecture": "unknown", "os": "unknown"],
                    "annotations": [
                        "vnd.docker.reference.type": "attestation-manifest",
                        "vnd.docker.reference.digest": "\(platform.digest)",
                    ],
                ],
            ],
        ])
        try await pusher.put(manifest: index, mediaType: MediaTypes.ociIndex, tag: "attested", in: repository)
        // Provenance for the platform manifest, through the referrers tag schema.
        let referrers = try json([
            "schemaVersion": 2, "mediaType": MediaTypes.ociIndex,
            "manifests": [
                [
                    "mediaType": MediaTypes.ociManifest, "digest": "\(attestationDigest)", "size": attestation.count,
                    "artifactType": "application/vnd.in-toto+json",
                    "annotations": ["in-toto.io/predicate-type": "https://slsa.dev/provenance/v1"],
                ]
            ],
        ])
        try await pusher.put(
            manifest: referrers, mediaType: MediaTypes.ociIndex, tag: "sha256-\(platform.digest.hex)", in: repository)
        let pulledIndex = try await proxy.manifest(repository, .tag("attested"), accept: [MediaTypes.ociIndex])
        return (platform, pulledIndex, repository)
    }

    @Test func buildxAttestationsAndReferrersAreFound() async throws {
        let registry = try UpstreamRegistryTests.registry()
        try await UpstreamRegistryTests.withProxy { proxy, _ in
            let (platform, index, repository) = try await Self.attested(proxy)
            let ofIndex = try await proxy.attestations(of: index, in: repository)
            #expect(ofIndex.kinds == [.sbom], "\(ofIndex.sources)")
            #expect(ofIndex.missing([.sbom, .provenance]) == [.provenance])
            let ofPlatform = try await proxy.attestations(of: platform, in: repository)
            #expect(ofPlatform.kinds == [.provenance], "\(ofPlatform.sources)")
            // The fixture itself has none.
            let bare = try await proxy.manifest(
                try Repository(proxyName: registry + "/test/busybox"), .tag("1"), accept: [MediaTypes.ociManifest])
            #expect(
                try await proxy.attestations(of: bare, in: try Repository(proxyName: registry + "/test/busybox")).kinds
                    .isEmpty)
        }
    }

    @Test func predicateAndArtifactTypesMapToKinds() {
        #expect(AttestationKind.of(predicateType: "https://spdx.dev/Document") == .sbom)
        #expect(AttestationKind.of(predicateType: "https://cyclonedx.org/bom/v1.5") == .sbom)
        #expect(AttestationKind.of(predicateType: "https://slsa.dev/provenance/v0.2") == .provenance)
        #expect(AttestationKind.of(predicateType: "https://example.com/other") == nil)
        #expect(AttestationKind.of(artifactType: "application/spdx+json") == .sbom)
        #expect(AttestationKind.of(artifactType: "application/vnd.cyclonedx+json") == .sbom)
        #expect(AttestationKind.of(artifactType: "application/vnd.dev.sigstore.bundle.v0.3+json") == nil)
    }
}
