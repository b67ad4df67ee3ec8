import AsyncHTTPClient
import Foundation
import GatehouseCore
import GatehouseTestSupport
import NIOCore
import Testing

@testable import GatehouseRegistry

/// The proxy's core against the CNCF distribution registry started by scripts/registry-test.sh
/// (GATEHOUSE_TEST_REGISTRY), with the fixture image umoci built and skopeo pushed.
@Suite(.serialized) struct UpstreamRegistryTests {
    static func registry() throws -> String {
        guard let address = ProcessInfo.processInfo.environment["GATEHOUSE_TEST_REGISTRY"] else {
            try Test.cancel("GATEHOUSE_TEST_REGISTRY is not set (scripts/test-deps.sh starts the test registry)")
        }
        return address
    }

    static func withProxy(
        maxBytes: Int64 = 1 << 30, settings: @escaping @Sendable (String) -> UpstreamSettings = Self.loopbackHTTP,
        _ body: (RegistryProxy, HTTPClient) async throws -> Void
    ) async throws {
        let http = HTTPClient(
            eventLoopGroupProvider: .singleton, configuration: .init(redirectConfiguration: .disallow))
        let store = try BlobStore(
            root: NSTemporaryDirectory() + "gatehouse-registry-" + UUID().uuidString.prefix(8), maxBytes: maxBytes)
        let client = UpstreamClient(http: http, settings: settings)
        do {
            try await body(RegistryProxy(client: client, store: store, tagTTLSeconds: 60), http)
        } catch {
            try? await http.shutdown()
            try? FileManager.default.removeItem(atPath: store.root)
            throw error
        }
        try await http.shutdown()
        try? FileManager.default.removeItem(atPath: store.root)
    }

    /// Plain HTTP only for loopback registries in tests; anything else stays HTTPS.
    @Sendable static func loopbackHTTP(_ host: String) -> UpstreamSettings {
        host.hasPrefix("127.0.0.1:") ? UpstreamSettings(scheme: "http") : .anonymous
    }

    /// Copies the fixture to `test/NAME:1` with skopeo, for a test that writes to its repository.
    static func copyFixture(to name: String) async throws -> Repository {
        let registry = try Self.registry()
        let (copied, output) = try await ChildProcess.run(
            "/usr/bin/skopeo",
            [
                "copy", "--quiet", "--src-tls-verify=false", "--dest-tls-verify=false",
                "docker://\(registry)/test/busybox:1", "docker://\(registry)/test/\(name):1",
            ])
        #expect(copied == 0, "\(output)")
        return try Repository(proxyName: registry + "/test/" + name)
    }

    /// A fake upstream (for faults a real registry does not make): reads a request, answers
    /// `response` byte for byte, and closes.
    static func answering(_ response: [UInt8]) throws -> LoopbackServer {
        try LoopbackServer { client in
            var buffer = [UInt8](repeating: 0, count: 4096)
            _ = read(client, &buffer, buffer.count)
            _ = response.withUnsafeBytes { write(client, $0.baseAddress, $0.count) }
        }
    }

    @Test func pullsTheFixtureThroughTheCacheVerifyingEveryDigest() async throws {
        let repository = try Repository(proxyName: try Self.registry() + "/test/busybox")
        try await Self.withProxy { proxy, _ in
            let manifest = try await proxy.manifest(repository, .tag("1"), accept: [MediaTypes.ociManifest])
            #expect(manifest.mediaType == MediaTypes.ociManifest)
            #expect(manifest.references.count == 2)  // one layer and the config
            // By digest, the same bytes come from the cache.
            let again = try await proxy.manifest(repository, .digest(manifest.digest), accept: [])
            #expect(again.bytes == manifest.bytes)
            for descriptor in manifest.references {
                let path = try await proxy.blob(repository, descriptor.digest)
                let bytes = try #require(FileManager.default.contents(atPath: path))
                #expect(Int64(bytes.count) == descriptor.size)
                #expect(Digest.sha256(of: bytes) == descriptor.digest)
            }
            let (tags, _) = try await proxy.tagList(repository, query: "")
            #expect(String(decoding: tags, as: UTF8.self).contains(#""1""#))
        }
    }

    @Test func unknownThingsAreOCIErrors() async throws {
        let registry = try Self.registry()
        try await Self.withProxy { proxy, _ in
            let missing = try Repository(proxyName: registry + "/test/nothing-here")
            await #expect {
                _ = try await proxy.manifest(missing, .tag("1"), accept: [])
            } throws: {
                ($0 as? GatehouseError)?.code == .ociManifestUnknown || ($0 as? GatehouseError)?.code == .ociNameUnknown
            }
            let repository = try Repository(proxyName: registry + "/test/busybox")
            let absent = Digest.sha256(of: Array("no such blob".utf8))
            await #expect { _ = try await proxy.blob(repository, absent) } throws: {
                ($0 as? GatehouseError)?.code == .ociBlobUnknown
            }
        }
    }

    /// This registry (distribution 2.8) has no referrers API: the proxy falls back to the
    /// `sha256-<hex>` tag, and answers an empty index when there is none.
    @Test func referrersFallBackToTheTagSchema() async throws {
        let repository = try Repository(proxyName: try Self.registry() + "/test/busybox")
        try await Self.withProxy { proxy, _ in
            let manifest = try await proxy.manifest(repository, .tag("1"), accept: [])
            let index = try await proxy.referrers(repository, manifest.digest, artifactType: nil)
            let object = try JSONSerialization.jsonObject(with: index) as? [String: Any]
            #expect(object?["mediaType"] as? String == MediaTypes.ociIndex)
            #expect((object?["manifests"] as? [Any])?.isEmpty == true)
        }
    }

    /// An upstream that announces a blob and stops midway: the client gets an error and the
    /// cache keeps nothing.
    @Test func anUpstreamThatDiesMidBlobLeavesNoPartialBlob() async throws {
        let digest = Digest.sha256(of: Array(repeating: 0x41, count: 1000))
        let head = "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\nContent-Type: application/octet-stream\r\n\r\n"
        let dying = try Self.answering(Array(head.utf8) + Array(repeating: 0x41, count: 10))
        defer { dying.close() }
        let repository = try Repository(proxyName: "127.0.0.1:\(dying.port)/test/busybox")
        try await Self.withProxy { proxy, _ in
            await #expect { _ = try await proxy.blob(repository, digest) } throws: {
                ($0 as? GatehouseError)?.code == .ociUpstreamFailed
            }
            #expect(await proxy.store.path(of: digest) == nil)
            #expect((try? FileManager.default.contentsOfDirectory(atPath: proxy.store.root + "/tmp"))?.isEmpty == true)
        }
    }

    /// A manifest cut off before its announced length: the client gets an error, nothing is kept.
    @Test func aTruncatedManifestIsRefused() async throws {
        let cut = try Self.answering(
            Array(
                "HTTP/1.1 200 OK\r\nContent-Type: application/vnd.oci.image.manifest.v1+json\r\nContent-Length: 500\r\n\r\n{\"schemaVersion\":2,"
                    .utf8))
        defer { cut.close() }
        let repository = try Repository(proxyName: "127.0.0.1:\(cut.port)/test/busybox")
        try await Self.withProxy { proxy, _ in
            await #expect { _ = try await proxy.manifest(repository, .tag("1"), accept: []) } throws: {
                ($0 as? GatehouseError)?.code == .ociUpstreamFailed
            }
            #expect(
                (try? FileManager.default.contentsOfDirectory(atPath: proxy.store.root + "/blobs/sha256"))?.isEmpty
                    == true)
        }
    }

    /// An upstream whose content does not match the digest asked for: refused, nothing cached.
    @Test func aDigestMismatchFromUpstreamIsRefusedAndNotCached() async throws {
        let digest = Digest.sha256(of: Array("what was asked for".utf8))
        let body = "something else entirely"
        let lying = try Self.answering(
            Array("HTTP/1.1 200 OK\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)".utf8))
        defer { lying.close() }
        let repository = try Repository(proxyName: "127.0.0.1:\(lying.port)/test/busybox")
        try await Self.withProxy { proxy, _ in
            await #expect { _ = try await proxy.blob(repository, digest) } throws: {
                ($0 as? GatehouseError)?.code == .ociDigestInvalid
            }
            #expect(await proxy.store.path(of: digest) == nil)
        }
    }
}

/// The hardened-image facts of the fixture (busybox-static as /bin/busybox and /bin/sh, user
/// 65534), computed from its real gzip layer through the cache.
@Suite struct FixtureFactsTests {
    @Test func theFixtureRunsAsNobodyButHasAShell() async throws {
        let repository = try Repository(proxyName: try UpstreamRegistryTests.registry() + "/test/busybox")
        try await UpstreamRegistryTests.withProxy { proxy, _ in
            let manifest = try await proxy.manifest(repository, .tag("1"), accept: [MediaTypes.ociManifest])
            let facts = try await proxy.hardeningFacts(of: manifest, in: repository)
            #expect(facts.nonRoot && facts.user == "65534")
            #expect(facts.shells == ["bin/sh", "bin/busybox"])
            #expect(facts.packageManagers.isEmpty)
            #expect(facts.failing(["non_root", "no_shell", "no_package_manager"]) == ["no_shell"])
        }
    }

    @Test func theFixtureUnpacksWholeAndRunnable() async throws {
        let repository = try Repository(proxyName: try UpstreamRegistryTests.registry() + "/test/busybox")
        let base = NSTemporaryDirectory() + "gatehouse-unpacked-" + UUID().uuidString.prefix(8)
        try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: base) }
        try await UpstreamRegistryTests.withProxy { proxy, _ in
            let manifest = try await proxy.manifest(repository, .tag("1"), accept: [MediaTypes.ociManifest])
            try await proxy.unpack(manifest, in: repository, into: base + "/root")
            let config = try await proxy.imageConfig(of: manifest, in: repository)
            #expect(config.user == "65534" && config.command(arguments: []) == ["/bin/sh"])
            #expect(FileManager.default.isExecutableFile(atPath: base + "/root/bin/busybox"))
            #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: base + "/root/bin/sh")) == "busybox")
            #expect(try FileManager.default.contentsOfDirectory(atPath: base) == ["root"], "no staging folder is left")
            await #expect(throws: GatehouseError.self, "an existing directory is never unpacked over") {
                try await proxy.unpack(manifest, in: repository, into: base + "/root")
            }
            #expect(try FileManager.default.contentsOfDirectory(atPath: base) == ["root"])
        }
    }
}

/// An upstream behind basic credentials (the same registry software with htpasswd, from
/// scripts/registry-test.sh): pulled with the configured credentials, refused clearly without.
@Suite struct BasicAuthUpstreamTests {
    static func registry() throws -> String {
        guard let address = ProcessInfo.processInfo.environment["GATEHOUSE_TEST_REGISTRY_BASIC"] else {
            try Test.cancel("GATEHOUSE_TEST_REGISTRY_BASIC is not set (scripts/test-deps.sh starts it)")
        }
        return address
    }

    static func withProxy(
        username: String?, password: String?, _ body: (RegistryProxy) async throws -> Void
    ) async throws {
        let settings = UpstreamSettings(scheme: "http", username: username, password: password)
        try await UpstreamRegistryTests.withProxy(settings: { _ in settings }, { proxy, _ in try await body(proxy) })
    }

    @Test func pullsWithTheConfiguredCredentialsOnly() async throws {
        let repository = try Repository(proxyName: try Self.registry() + "/test/busybox")
        try await Self.withProxy(username: "gatehouse", password: "test-password") { proxy in
            let manifest = try await proxy.manifest(repository, .tag("1"), accept: [MediaTypes.ociManifest])
            for descriptor in manifest.references { _ = try await proxy.blob(repository, descriptor.digest) }
        }
        try await Self.withProxy(username: nil, password: nil) { proxy in
            await #expect {
                _ = try await proxy.manifest(repository, .tag("1"), accept: [])
            } throws: { error in
                (error as? GatehouseError)?.code == .ociUpstreamFailed && "\(error)".contains("wants credentials")
            }
        }
        try await Self.withProxy(username: "gatehouse", password: "wrong") { proxy in
            await #expect {
                _ = try await proxy.manifest(repository, .tag("1"), accept: [])
            } throws: { error in
                (error as? GatehouseError)?.code == .ociUpstreamFailed && !"\(error)".contains("wrong")
            }
        }
    }
}

/// The distribution token flow against a protocol-level stand-in (no token server ships with
/// the registry package): challenged, the client fetches a token from the realm with the
/// configured credentials, retries with it, and reuses it until it expires.
@Suite struct TokenFlowTests {
    final class Box: @unchecked Sendable {
        private let lock = NSLock()
        private var port = 0
        private var tokens = 0
        var value: Int {
            get { lock.withLock { port } }
            set { lock.withLock { port = newValue } }
        }
        var tokenRequests: Int { lock.withLock { tokens } }
        func countToken() { lock.withLock { tokens += 1 } }
    }

    static let manifest =
        #"{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:"#
        + String(repeating: "a", count: 64) + #"","size":2},"layers":[]}"#

    static func respond(_ client: Int32, _ status: String, headers: [String] = [], body: String = "") {
        let head = (["HTTP/1.1 \(status)", "Content-Length: \(body.utf8.count)", "Connection: close"] + headers)
            .joined(separator: "\r\n")
        let bytes = Array((head + "\r\n\r\n" + body).utf8)
        _ = bytes.withUnsafeBytes { write(client, $0.baseAddress, $0.count) }
    }

    @Test func challengedClientsFetchAndReuseTokens() async throws {
        let box = Box()
        let basic = "Basic " + Data("puller:secret".utf8).base64EncodedString()
        let server = try LoopbackServer { client in
            var buffer = [UInt8](repeating: 0, count: 8192)
            let count = read(client, &buffer, buffer.count)
            let request = String(decoding: buffer.prefix(max(0, count)), as: UTF8.self)
            if request.hasPrefix("GET /token?") {
                guard request.contains("Authorization: \(basic)"),
                    request.contains("scope=repository%3Atest%2Fbusybox%3Apull")
                        || request.contains("scope=repository:test/busybox:pull")
                else { return Self.respond(client, "401 Unauthorized") }
                box.countToken()
                return Self.respond(client, "200 OK", body: #"{"token":"T-123","expires_in":300}"#)
            }
            guard request.contains("Authorization: Bearer T-123") else {
                return Self.respond(
                    client, "401 Unauthorized",
                    headers: [
                        #"WWW-Authenticate: Bearer realm="http://127.0.0.1:\#(box.value)/token",service="fake",scope="repository:test/busybox:pull""#
                    ])
            }
            Self.respond(
                client, "200 OK", headers: ["Content-Type: application/vnd.oci.image.manifest.v1+json"],
                body: Self.manifest)
        }
        defer { server.close() }
        box.value = server.port
        let repository = try Repository(proxyName: "127.0.0.1:\(server.port)/test/busybox")
        let settings = UpstreamSettings(scheme: "http", username: "puller", password: "secret")
        try await UpstreamRegistryTests.withProxy(
            settings: { _ in settings },
            { proxy, _ in
                let first = try await proxy.manifest(repository, .tag("1"), accept: [MediaTypes.ociManifest])
                #expect(first.bytes == Data(Self.manifest.utf8))
                _ = try await proxy.manifest(repository, .tag("2"), accept: [MediaTypes.ociManifest])
                #expect(box.tokenRequests == 1)  // the second request reused the token
            })
        let anonymous = UpstreamSettings(scheme: "http")
        try await UpstreamRegistryTests.withProxy(
            settings: { _ in anonymous },
            { proxy, _ in
                await #expect {
                    _ = try await proxy.manifest(repository, .tag("1"), accept: [])
                } throws: { error in
                    (error as? GatehouseError)?.code == .ociUpstreamFailed && "\(error)".contains("token service")
                }
            })
    }
}
