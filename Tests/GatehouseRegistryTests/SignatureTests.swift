import AsyncHTTPClient
import Crypto
import Foundation
import GatehouseCore
import GatehouseTestSupport
import Testing

@testable import GatehouseRegistry

/// Cosign's legacy signatures, written by Gatehouse's signer to the CNCF registry and verified
/// through the proxy's cache: the right key verifies, another key does not, and a signature
/// over another digest never counts.
@Suite(.serialized) struct SignatureTests {
    static func keyFile(_ key: P256.Signing.PrivateKey) throws -> String {
        let path = NSTemporaryDirectory() + "gatehouse-key-" + UUID().uuidString.prefix(8) + ".pub"
        try key.publicKey.pemRepresentation.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func signedImagesVerifyOnlyWithTheirKeyAndDigest() async throws {
        // A repository of its own: signing rewrites the .sig manifest, and parallel suites sign too.
        let repository = try await UpstreamRegistryTests.copyFixture(to: "signature-tests")
        let key = P256.Signing.PrivateKey()
        let other = P256.Signing.PrivateKey()
        let (keyFile, otherFile) = (try Self.keyFile(key), try Self.keyFile(other))
        defer {
            try? FileManager.default.removeItem(atPath: keyFile)
            try? FileManager.default.removeItem(atPath: otherFile)
        }
        try await UpstreamRegistryTests.withProxy { proxy, _ in
            let digest = try await ImageSigner(client: proxy.client).sign(repository, .tag("1"), key: key)
            let manifest = try await proxy.manifest(repository, .digest(digest), accept: [])
            let good = try await proxy.signature(
                of: manifest, in: repository, keys: try SignatureKeys(files: [keyFile]))
            #expect(good.signer == keyFile, "\(good.detail)")
            let wrong = try await proxy.signature(
                of: manifest, in: repository, keys: try SignatureKeys(files: [otherFile]))
            #expect(wrong.signer == nil)
            #expect(wrong.detail.contains("unknown key"), "\(wrong.detail)")

            // The signature manifest is itself a manifest; give it the image's signatures as its
            // own: they name the image's digest, not its, so they must not count.
            let signatures = try await proxy.manifest(repository, .tag(SimpleSigning.tag(for: digest)), accept: [])
            try await RegistryPusher(client: proxy.client).put(
                manifest: signatures.bytes, mediaType: signatures.mediaType,
                tag: SimpleSigning.tag(for: signatures.digest), in: repository)
            let replayed = try await proxy.signature(
                of: signatures, in: repository, keys: try SignatureKeys(files: [keyFile]))
            #expect(replayed.signer == nil)
            #expect(replayed.detail.contains("another digest"), "\(replayed.detail)")
        }
    }

    @Test func unsignedImagesAndBadKeysAreReportedClearly() async throws {
        let registry = try UpstreamRegistryTests.registry()
        let repository = try Repository(proxyName: registry + "/test/busybox")
        let key = try Self.keyFile(P256.Signing.PrivateKey())
        defer { try? FileManager.default.removeItem(atPath: key) }
        try await UpstreamRegistryTests.withProxy { proxy, _ in
            // The config blob of the fixture is no manifest anyone signed: use a manifest by a
            // digest nobody signed, the referrers-less index Gatehouse answers with.
            let manifest = try Manifest(
                bytes: Data(
                    #"{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[]}"#.utf8),
                declaredType: nil)
            let fact = try await proxy.signature(of: manifest, in: repository, keys: try SignatureKeys(files: [key]))
            #expect(fact.signer == nil)
            #expect(fact.detail.contains("no signature is attached"), "\(fact.detail)")
        }
        #expect(throws: GatehouseError.self) { try SignatureKeys(files: ["/nonexistent.pub"]) }
        let notAKey = NSTemporaryDirectory() + "gatehouse-not-a-key.pem"
        try "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n".write(
            toFile: notAKey, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: notAKey) }
        #expect(throws: GatehouseError.self) { try SignatureKeys(files: [notAKey]) }
    }

    @Test func payloadsNameExactlyOneDigest() throws {
        let digest = Digest.sha256(of: Array("image".utf8))
        let payload = SimpleSigning.payload(reference: "registry.example.com/a", digest: digest)
        #expect(SimpleSigning.signedDigest(payload) == digest)
        #expect(SimpleSigning.signedDigest(Data(#"{"critical":{"type":"other","image":{}}}"#.utf8)) == nil)
        #expect(SimpleSigning.signedDigest(Data("[]".utf8)) == nil)
        #expect(SimpleSigning.tag(for: digest) == "sha256-\(digest.hex).sig")
    }
}
