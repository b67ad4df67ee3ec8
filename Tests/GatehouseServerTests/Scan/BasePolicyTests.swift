import AsyncHTTPClient
import Foundation
import GatehouseCore
import GatehouseRegistry
import GatehouseTestSupport
import HummingbirdTesting
import Testing

/// `base_images` and `base_up_to_date` end to end: images whose SLSA provenance (a buildx
/// attestation manifest in their index, as buildx pushes it) names the busybox fixture as their
/// base, at its current digest or a stale one, or names a base nobody approved — pulled by skopeo
/// through Gatehouse from the CNCF registry.
@Suite(.serialized) struct BasePolicyTests {
    static func json(_ object: [String: Any]) throws -> Data {
        try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
    }

    /// Pushes `test/based:TAG`: an index of the fixture's manifest and an attestation manifest
    /// whose provenance names `base` (a docker purl) at `sha256`.
    static func pushBased(tag: String, base: String, sha256: String, upstream: String, http: HTTPClient) async throws {
        let (copied, output) = try await RegistryRoutesTests.skopeo([
            "copy", "--quiet", "--src-tls-verify=false", "--dest-tls-verify=false",
            "docker://\(upstream)/test/busybox:1", "docker://\(upstream)/test/based:platform",
        ])
        #expect(copied == 0, "\(output)")
        let (_, raw) = try await RegistryRoutesTests.skopeo([
            "inspect", "--raw", "--tls-verify=false", "docker://\(upstream)/test/based:platform",
        ])
        let platform = Data(raw.utf8)
        let repository = try Repository(proxyName: upstream + "/test/based")
        let pusher = RegistryPusher(
            client: UpstreamClient(http: http) { _ in UpstreamSettings(scheme: "http") })
        let config = try await pusher.upload(Data("{}".utf8), to: repository)
        let statement = try json([
            "_type": "https://in-toto.io/Statement/v0.1", "predicateType": "https://slsa.dev/provenance/v0.2",
            "subject": [["name": "based", "digest": ["sha256": Digest.sha256(of: platform).hex]]],
            "predicate": [
                "builder": ["id": "https://github.com/docker/buildx"],
                "materials": [["uri": base, "digest": ["sha256": sha256]]],
            ],
        ])
        let statementDigest = try await pusher.upload(statement, to: repository)
        let attestation = try json([
            "schemaVersion": 2, "mediaType": MediaTypes.ociManifest,
            "config": ["mediaType": "application/vnd.oci.image.config.v1+json", "digest": "\(config)", "size": 2],
            "layers": [
                [
                    "mediaType": "application/vnd.in-toto+json", "digest": "\(statementDigest)",
                    "size": statement.count,
                    "annotations": ["in-toto.io/predicate-type": "https://slsa.dev/provenance/v0.2"],
                ]
            ],
        ])
        let attestationDigest = Digest.sha256(of: attestation)
        try await pusher.put(
            manifest: attestation, mediaType: MediaTypes.ociManifest, tag: "att-" + tag, in: repository)
        let index = try json([
            "schemaVersion": 2, "mediaType": MediaTypes.ociIndex,
            "manifests": [
                [
                    "mediaType": MediaTypes.ociManifest, "digest": "\(Digest.sha256(of: platform))",
                    "size": platform.count, "platform": ["architecture": "amd64", "os": "linux"],
                ],
                [
                    "mediaType": MediaTypes.ociManifest, "digest": "\(attestationDigest)", "size": attestation.count,
                    "platform": ["architecture": "unknown", "os": "unknown"],
                    "annotations": [
                        "vnd.docker.reference.type": "attestation-manifest",
                        "vnd.docker.reference.digest": "\(Digest.sha256(of: platform))",
                    ],
                ],
            ],
        ])
        try await pusher.put(manifest: index, mediaType: MediaTypes.ociIndex, tag: tag, in: repository)
    }

    @Test func onlyApprovedCurrentBasesArePulled() async throws {
        let upstream = try RegistryRoutesTests.upstream()
        let http = HTTPClient(eventLoopGroupProvider: .singleton)
        let (_, fixture) = try await RegistryRoutesTests.skopeo([
            "inspect", "--raw", "--tls-verify=false", "docker://\(upstream)/test/busybox:1",
        ])
        let current = Digest.sha256(of: Array(fixture.utf8)).hex
        let base = "pkg:docker/test/busybox@1?repository_url=\(upstream.replacingOccurrences(of: ":", with: "%3A"))"
        do {
            try await Self.pushBased(tag: "current", base: base, sha256: current, upstream: upstream, http: http)
            try await Self.pushBased(
                tag: "stale", base: base, sha256: String(repeating: "a", count: 64), upstream: upstream, http: http)
            try await Self.pushBased(
                tag: "other", base: "pkg:docker/alpine@3.19", sha256: String(repeating: "b", count: 64),
                upstream: upstream, http: http)
            try await http.shutdown()
        } catch {
            try? await http.shutdown()
            throw error
        }
        let policy =
            "    - {id: current-base, repositories: [\"127.0.0.1:*/test/based*\"], base_images: [\"127.0.0.1:*/test/busybox:*\"], base_up_to_date: true}"
        try await ServerHarness.withServer(config: ScanRoutesTests.config(policy: policy)) { context in
            let port = try #require(context.client.port)
            func pull(_ tag: String) async throws -> (Int32, String) {
                try await RegistryRoutesTests.skopeo([
                    "inspect", "--raw", "--tls-verify=false", "--creds", "admin:\(ServerHarness.adminToken)",
                    "docker://127.0.0.1:\(port)/\(RegistryRoutesTests.proxyForm(upstream))/test/based:\(tag)",
                ])
            }
            let (served, output) = try await pull("current")
            #expect(served == 0, "\(output)")
            let (stale, staleOutput) = try await pull("stale")
            #expect(stale != 0 && staleOutput.contains("rebuild on the current base"), "\(staleOutput)")
            let (other, otherOutput) = try await pull("other")
            #expect(other != 0 && otherOutput.contains("not an approved base"), "\(otherOutput)")
            #expect(otherOutput.contains("docker.io/library/alpine:3.19"), "\(otherOutput)")
        }
    }
}
