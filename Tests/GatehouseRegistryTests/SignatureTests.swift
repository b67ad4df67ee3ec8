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
        // A repository of this run's own: signing rewrites the .sig manifest, parallel suites sign
        // too, and the test registry outlives runs (earlier runs' signatures would accumulate).
        let repository = try await UpstreamRegistryTests.copyFixture(
            to: "signature-tests-" + UUID().uuidString.prefix(8).lowercased())
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

    /// A sigstore bundle with a DSSE envelope over an in-toto statement naming `subject`.
    static func dsseBundle(subject: String, key: P256.Signing.PrivateKey) throws -> Data {
        let statement = try AttestationTests.json([
            "_type": "https://in-toto.io/Statement/v1", "predicateType": "https://sigstore.dev/cosign/sign/v1",
            "subject": [["name": "image", "digest": ["sha256": subject]]], "predicate": [String: String](),
        ])
        let type = "application/vnd.in-toto+json"
        let signature = try key.signature(for: SigstoreBundle.pae(type: type, payload: statement))
        return try AttestationTests.json([
            "mediaType": "application/vnd.dev.sigstore.bundle.v0.3+json",
            "dsseEnvelope": [
                "payloadType": type, "payload": statement.base64EncodedString(),
                "signatures": [["sig": signature.derRepresentation.base64EncodedString()]],
            ],
        ])
    }

    /// Attaches `bundle` to `subject` as a sigstore-bundle referrer, through the referrers tag.
    static func attach(_ bundle: Data, to subject: Manifest, in repository: Repository, pusher: RegistryPusher)
        async throws
    {
        let bundleType = "application/vnd.dev.sigstore.bundle.v0.3+json"
        let empty = Data("{}".utf8)
        let emptyDigest = try await pusher.upload(empty, to: repository)
        let bundleDigest = try await pusher.upload(bundle, to: repository)
        let referrer = try AttestationTests.json([
            "schemaVersion": 2, "mediaType": MediaTypes.ociManifest, "artifactType": bundleType,
            "config": ["mediaType": "application/vnd.oci.empty.v1+json", "digest": "\(emptyDigest)", "size": 2],
            "layers": [["mediaType": bundleType, "digest": "\(bundleDigest)", "size": bundle.count]],
            "subject": ["mediaType": subject.mediaType, "digest": "\(subject.digest)", "size": subject.bytes.count],
        ])
        let referrerDigest = Digest.sha256(of: referrer)
        try await pusher.put(
            manifest: referrer, mediaType: MediaTypes.ociManifest, tag: "\(referrerDigest)", in: repository)
        let index = try AttestationTests.json([
            "schemaVersion": 2, "mediaType": MediaTypes.ociIndex,
            "manifests": [
                [
                    "mediaType": MediaTypes.ociManifest, "digest": "\(referrerDigest)", "size": referrer.count,
                    "artifactType": bundleType,
                ]
            ],
        ])
        try await pusher.put(
            manifest: index, mediaType: MediaTypes.ociIndex, tag: "sha256-\(subject.digest.hex)", in: repository)
    }

    /// Sigstore bundles v0.3 through referrers: a message signature over the manifest, and a
    /// DSSE envelope over an in-toto statement naming it; a bundle naming another digest does
    /// not count.
    @Test func sigstoreBundlesThroughReferrersVerify() async throws {
        let key = P256.Signing.PrivateKey()
        let keyFile = try Self.keyFile(key)
        defer { try? FileManager.default.removeItem(atPath: keyFile) }
        let message = try await UpstreamRegistryTests.copyFixture(to: "bundle-message")
        let dsse = try await UpstreamRegistryTests.copyFixture(to: "bundle-dsse")
        try await UpstreamRegistryTests.withProxy { proxy, _ in
            let pusher = RegistryPusher(client: proxy.client)
            let keys = try SignatureKeys(files: [keyFile])
            // A message signature.
            let first = try await proxy.manifest(message, .tag("1"), accept: [MediaTypes.ociManifest])
            let messageBundle = try AttestationTests.json([
                "mediaType": "application/vnd.dev.sigstore.bundle.v0.3+json",
                "verificationMaterial": ["publicKey": ["hint": "test"]],
                "messageSignature": [
                    "messageDigest": [
                        "algorithm": "SHA2_256",
                        "digest": Data(Hex.decode(first.digest.hex) ?? []).base64EncodedString(),
                    ],
                    "signature": try key.signature(for: first.bytes).derRepresentation.base64EncodedString(),
                ],
            ])
            try await Self.attach(messageBundle, to: first, in: message, pusher: pusher)
            let byMessage = try await proxy.signature(of: first, in: message, keys: keys)
            #expect(byMessage.signer == keyFile, "\(byMessage.detail)")
            #expect(byMessage.detail.contains("sigstore bundle"))

            // A DSSE envelope naming the manifest, and one naming something else.
            let second = try await proxy.manifest(dsse, .tag("1"), accept: [MediaTypes.ociManifest])
            let elsewhere = Digest.sha256(of: Array("another image".utf8)).hex
            try await Self.attach(
                try Self.dsseBundle(subject: elsewhere, key: key), to: second, in: dsse, pusher: pusher)
            let wrongSubject = try await proxy.signature(of: second, in: dsse, keys: keys)
            #expect(wrongSubject.signer == nil)
            #expect(wrongSubject.detail.contains("another digest"), "\(wrongSubject.detail)")
        }
        // A fresh cache (the referrers tag was cached), with the right subject this time.
        try await UpstreamRegistryTests.withProxy { proxy, _ in
            let second = try await proxy.manifest(dsse, .tag("1"), accept: [MediaTypes.ociManifest])
            let bundle = try Self.dsseBundle(subject: second.digest.hex, key: key)
            try await Self.attach(bundle, to: second, in: dsse, pusher: RegistryPusher(client: proxy.client))
        }
        try await UpstreamRegistryTests.withProxy { proxy, _ in
            let second = try await proxy.manifest(dsse, .tag("1"), accept: [MediaTypes.ociManifest])
            let byEnvelope = try await proxy.signature(of: second, in: dsse, keys: try SignatureKeys(files: [keyFile]))
            #expect(byEnvelope.signer == keyFile, "\(byEnvelope.detail)")
        }
    }
}
