import AsyncHTTPClient
import Crypto
import Foundation
import GatehouseCore
import GatehouseIdentity
import GatehouseRegistry
import GatehouseStore
import GatehouseTestSupport
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// The registry proxy end to end: skopeo (the client) pulls through a running Gatehouse from
/// the CNCF distribution registry (scripts/registry-test.sh), signing in with a Gatehouse
/// access token; the policy decides each pull and the audit trail records it with its digest.
@Suite(.serialized) struct RegistryRoutesTests {
    static func upstream() throws -> String {
        guard let address = ProcessInfo.processInfo.environment["GATEHOUSE_TEST_REGISTRY"] else {
            try Test.cancel("GATEHOUSE_TEST_REGISTRY is not set (scripts/test-deps.sh starts the test registry)")
        }
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/skopeo") else {
            try Test.cancel("skopeo is not installed (scripts/test-deps.sh installs it)")
        }
        return address
    }

    static var config: String { config(signatureKey: nil) }

    static func config(signatureKey: String?, registryExtra: String = "", groupExtra: String = "") -> String {
        let signatures =
            (signatureKey.map {
                "  signatures:\n    - {id: signed-only, repositories: [\"127.0.0.1:*/test/signed*\"], keys: [\($0)]}\n"
            } ?? "") + registryExtra
        return ServerHarness.config.replacingOccurrences(
            of: "groups:\n",
            with: """
                registry:
                  upstreams:
                    - {host: "127.0.0.1:*", plain_http: true}
                \(signatures)groups:
                  developers:
                    rules:
                      - {id: dev-pull, effect: allow, actions: [image.pull], resources: ["127.0.0.1:*/test/*"]}
                      - {id: dev-no-secret, effect: deny, actions: [image.pull], resources: ["*/test/secret*"], reason: not for developers}
                      - {id: dev-login, effect: allow, actions: [identity.login]}
                \(groupExtra)
                """)
    }

    /// `127.0.0.1:5055` as an image reference's path allows it: `127.0.0.1_5055`.
    static func proxyForm(_ upstream: String) -> String { upstream.replacingOccurrences(of: ":", with: "_") }

    static func skopeo(_ arguments: [String]) async throws -> (Int32, String) {
        try await ChildProcess.run("/usr/bin/skopeo", arguments)
    }

    /// An access token and the manifest type skopeo would accept.
    static func pullHeaders(_ token: String) -> HTTPFields {
        var headers = ServerHarness.bearer(token)
        headers[.accept] = "application/vnd.oci.image.manifest.v1+json"
        return headers
    }

    /// GETs the manifest `1` of `repository` (as written after `/v2/`) as the developer and
    /// expects a 403 whose body names every one of `texts`.
    static func expectRefused(
        _ context: ServerHarness.Context, _ token: String, _ repository: String, containing texts: [String]
    ) async throws {
        try await context.client.execute(
            uri: "/v2/\(repository)/manifests/1", method: .get, headers: Self.pullHeaders(token)
        ) { response in
            #expect(response.status == .forbidden, "\(repository)")
            let body = String(buffer: response.body)
            for text in texts { #expect(body.contains(text), "\(body)") }
        }
    }

    /// The server's store and an access token of `dev`, a developer.
    static func developer(_ context: ServerHarness.Context) async throws -> (SQLiteStore, String) {
        let store = try await SQLiteStore.open(path: context.dataDir + "/gatehouse.db", logger: ServerHarness.logger)
        return (store, try await ServerTokens.create(store: store, subject: "dev", groups: ["developers"]))
    }

    @Test func skopeoPullsThroughGatehouseAndEveryPullIsRecordedWithItsDigest() async throws {
        let upstream = try Self.upstream()
        try await ServerHarness.withServer(config: Self.config) { context in
            let port = try #require(context.client.port)
            let (store, token) = try await Self.developer(context)
            let layout = NSTemporaryDirectory() + "gatehouse-pulled-" + UUID().uuidString.prefix(8)
            defer { try? FileManager.default.removeItem(atPath: layout) }
            let image = "docker://127.0.0.1:\(port)/\(Self.proxyForm(upstream))/test/busybox:1"
            let (status, output) = try await Self.skopeo([
                "copy", "--src-tls-verify=false", "--src-creds", "dev:\(token)", image, "oci:\(layout):pulled",
            ])
            #expect(status == 0, "\(output)")
            // The same manifest as upstream, byte for byte (the digest in the layout's index).
            let (_, direct) = try await Self.skopeo([
                "inspect", "--raw", "--tls-verify=false", "docker://\(upstream)/test/busybox:1",
            ])
            let index = try #require(FileManager.default.contents(atPath: layout + "/index.json"))
            let digest = Digest.sha256(of: Array(direct.utf8)).description
            #expect(String(decoding: index, as: UTF8.self).contains(digest))

            let pulls = try await store.queryAudit(AuditQuery(action: "image.pull", limit: 50))
            #expect(pulls.contains { $0.event.resource == "\(upstream)/test/busybox:1@\(digest)" })
            #expect(pulls.allSatisfy { $0.event.subject == "dev" && $0.event.decision == "allow" })
            #expect(pulls.count >= 3)  // the manifest, the config and the layer
            // The proxy's cache answers are counted (blobs come from upstream the first time, or
            // from the cache a parallel test filled).
            let metrics = String(buffer: try await context.client.execute(uri: "/metrics", method: .get).body)
            #expect(metrics.contains(#"gatehouse_registry_cache_total{kind="blob",result="#))
            #expect(metrics.contains(#"gatehouse_registry_cache_total{kind="manifest",result="#))
            #expect(metrics.contains(#"gatehouse_pulls_total{kind="image",result="ok"}"#))
            await store.shutdown()
        }
    }

    @Test func thePolicyDeniesWithTheOCIErrorAndPushesAreUnsupported() async throws {
        let upstream = try Self.upstream()
        try await ServerHarness.withServer(config: Self.config) { context in
            let port = try #require(context.client.port)
            let (store, token) = try await Self.developer(context)
            let (denied, output) = try await Self.skopeo([
                "inspect", "--raw", "--tls-verify=false", "--creds", "dev:\(token)",
                "docker://127.0.0.1:\(port)/\(Self.proxyForm(upstream))/test/secret-thing:1",
            ])
            #expect(denied != 0)
            #expect(output.contains("denied") && output.contains("not for developers"), "\(output)")

            let (anonymous, _) = try await Self.skopeo([
                "inspect", "--raw", "--tls-verify=false", "--no-creds",
                "docker://127.0.0.1:\(port)/\(Self.proxyForm(upstream))/test/busybox:1",
            ])
            #expect(anonymous != 0)

            // A push: refused as UNSUPPORTED, whatever the credentials.
            try await context.client.execute(
                uri: "/v2/\(upstream)/test/busybox/blobs/uploads/", method: .post, headers: ServerHarness.bearer(token)
            ) { response in
                #expect(response.status == .methodNotAllowed)
                #expect(String(buffer: response.body).contains("UNSUPPORTED"))
            }
            // Without a token: the challenge that leads to the token endpoint, for this repository.
            try await context.client.execute(uri: "/v2/\(upstream)/test/busybox/manifests/1", method: .get) {
                response in
                #expect(response.status == .unauthorized)
                let challenge = response.headers[.wwwAuthenticate] ?? ""
                #expect(
                    challenge.contains("/v2/token") && challenge.contains("repository:\(upstream)/test/busybox:pull"))
            }
            let refusals = try await store.queryAudit(AuditQuery(action: "image.pull", limit: 10))
            #expect(refusals.contains { $0.event.decision == "deny" && $0.event.rule == "dev-no-secret" })
            await store.shutdown()
        }
    }

    @Test func revokingTheAccessTokenEndsItsRegistryTokensAtOnce() async throws {
        let upstream = try Self.upstream()
        try await ServerHarness.withServer(config: Self.config) { context in
            let (store, token) = try await Self.developer(context)
            let basic = "Basic " + Data("dev:\(token)".utf8).base64EncodedString()
            let scope = "repository:\(upstream)/test/busybox:pull"
            let registryToken: String = try await context.client.execute(
                uri: "/v2/token?service=gatehouse&scope=\(scope)", method: .get, headers: [.authorization: basic]
            ) { response in
                #expect(response.status == .ok)
                let body =
                    try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any]
                return body?["token"] as? String ?? ""
            }
            let manifest = "/v2/\(upstream)/test/busybox/manifests/1"
            let accept: HTTPFields = [
                .authorization: "Bearer \(registryToken)", .accept: "application/vnd.oci.image.manifest.v1+json",
            ]
            let digest = try await context.client.execute(uri: manifest, method: .get, headers: accept) { response in
                #expect(response.status == .ok)
                return response.headers[HTTPField.Name("Docker-Content-Digest")!] ?? ""
            }
            #expect(digest.hasPrefix("sha256:"))
            // By digest (HEAD): recorded under the digest it named.
            try await context.client.execute(
                uri: "/v2/\(upstream)/test/busybox/manifests/\(digest)", method: .head, headers: accept
            ) { response in
                #expect(response.status == .ok)
                #expect(response.body.readableBytes == 0)
            }
            let byDigest = try await store.queryAudit(AuditQuery(action: "image.pull", limit: 10))
            #expect(byDigest.contains { $0.event.resource == "\(upstream)/test/busybox@\(digest)" })
            #expect(byDigest.contains { $0.event.resource == "\(upstream)/test/busybox:1@\(digest)" })
            // The registry token covers this repository only.
            try await context.client.execute(
                uri: "/v2/\(upstream)/test/other/manifests/1", method: .get, headers: accept
            ) { response in
                #expect(response.status == .unauthorized)
            }
            let record = try #require(try await store.tokens(issuer: "https://idp.test", subject: "dev").first)
            _ = try await store.revokeToken(id: record.id, atMicros: WallClock.nowMicros())
            try await context.client.execute(uri: manifest, method: .get, headers: accept) { response in
                #expect(response.status == .unauthorized)
            }
            await store.shutdown()
        }
    }

    /// With a signature rule, an unsigned image in a covered repository is refused by that rule
    /// (one deny record naming it), and the signed one is served.
    @Test func signatureRulesRefuseUnsignedImages() async throws {
        let upstream = try Self.upstream()
        let key = P256.Signing.PrivateKey()
        let keyFile = NSTemporaryDirectory() + "gatehouse-signing-" + UUID().uuidString.prefix(8) + ".pub"
        try key.publicKey.pemRepresentation.write(toFile: keyFile, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: keyFile) }
        // Repositories of this run only: the test registry outlives runs, and signatures by
        // earlier runs' keys would accumulate on a shared repository's signature tag.
        let run = UUID().uuidString.prefix(8).lowercased()
        let (yesName, noName) = ("signed-yes-\(run)", "signed-no-\(run)")
        for name in [yesName, noName] {
            let (status, output) = try await Self.skopeo([
                "copy", "--src-tls-verify=false", "--dest-tls-verify=false", "docker://\(upstream)/test/busybox:1",
                "docker://\(upstream)/test/\(name):1",
            ])
            #expect(status == 0, "\(output)")
        }
        let http = HTTPClient(
            eventLoopGroupProvider: .singleton, configuration: .init(redirectConfiguration: .disallow))
        let signer = ImageSigner(client: UpstreamClient(http: http) { _ in UpstreamSettings(scheme: "http") })
        let signing = try Repository(proxyName: upstream + "/test/" + yesName)
        do {
            _ = try await signer.sign(signing, .tag("1"), key: key)
        } catch {
            try? await http.shutdown()
            throw error
        }
        try await http.shutdown()
        try await ServerHarness.withServer(config: Self.config(signatureKey: keyFile)) { context in
            let port = try #require(context.client.port)
            let (store, token) = try await Self.developer(context)
            let base = "docker://127.0.0.1:\(port)/\(Self.proxyForm(upstream))/test"
            let (yes, yesOutput) = try await Self.skopeo([
                "inspect", "--raw", "--tls-verify=false", "--creds", "dev:\(token)", "\(base)/\(yesName):1",
            ])
            #expect(yes == 0, "\(yesOutput)")
            let (no, noOutput) = try await Self.skopeo([
                "inspect", "--raw", "--tls-verify=false", "--creds", "dev:\(token)", "\(base)/\(noName):1",
            ])
            #expect(no != 0)
            #expect(noOutput.contains("must carry a signature") && noOutput.contains("signed-only"), "\(noOutput)")
            let records = try await store.queryAudit(AuditQuery(action: "image.pull", limit: 20))
            #expect(records.contains { $0.event.decision == "deny" && $0.event.rule == "signed-only" })
            #expect(
                records.contains {
                    $0.event.decision == "allow" && $0.event.resource.hasPrefix("\(upstream)/test/\(yesName):1@")
                })
            await store.shutdown()
        }
    }

    /// With image classes defined, a pull needs `image.pull` on its class too: the official
    /// class is allowed to developers, anything else (community) is refused by the policy.
    @Test func imageClassesAreAllowedOrDeniedByThePolicy() async throws {
        let upstream = try Self.upstream()
        let config = Self.config(
            signatureKey: nil,
            registryExtra: """
                  classes:
                    - {name: official, repositories: ["127.0.0.1:*/test/busybox"]}
                    - {name: community, repositories: ["*"]}

                """,
            groupExtra:
                "      - {id: dev-official, effect: allow, actions: [image.pull], resources: [\"class:official\"]}\n")
        try await ServerHarness.withServer(config: config) { context in
            let (store, token) = try await Self.developer(context)
            let headers = Self.pullHeaders(token)
            try await context.client.execute(
                uri: "/v2/\(upstream)/test/busybox/manifests/1", method: .get, headers: headers
            ) { response in
                #expect(response.status == .ok)
            }
            try await Self.expectRefused(
                context, token, "\(upstream)/test/anything-else", containing: ["DENIED", "image class community"])
            let records = try await store.queryAudit(AuditQuery(action: "image.pull", limit: 10))
            #expect(
                records.contains {
                    $0.event.decision == "deny" && $0.event.resource == "\(upstream)/test/anything-else:1"
                })
            await store.shutdown()
        }
    }

    /// Hardened-image rules decide on the image's real facts: the fixture runs as nobody but
    /// has a shell, so "non_root" passes and "no_shell" refuses it, naming the rule and the fact.
    @Test func hardenedImageRulesDecideOnTheImagesFacts() async throws {
        let upstream = try Self.upstream()
        let config = Self.config(
            signatureKey: nil,
            registryExtra: """
                  hardened:
                    - {id: nonroot-only, repositories: ["127.0.0.1:*/test/busybox"], require: [non_root]}
                    - {id: no-shells, repositories: ["127.0.0.1:*/test/busybox"], require: [no_shell, no_package_manager]}

                """)
        try await ServerHarness.withServer(config: config) { context in
            let (store, token) = try await Self.developer(context)
            try await Self.expectRefused(
                context, token, "\(upstream)/test/busybox",
                containing: ["fails no_shell", "no-shells", "runs as 65534"])
            let records = try await store.queryAudit(AuditQuery(action: "image.pull", limit: 10))
            #expect(records.contains { $0.event.decision == "deny" && $0.event.rule == "no-shells" })
            await store.shutdown()
        }
    }

    /// An attestation rule refuses an image without the required kinds, naming what is missing.
    @Test func attestationRulesRefuseImagesWithoutThem() async throws {
        let upstream = try Self.upstream()
        let config = Self.config(
            signatureKey: nil,
            registryExtra: """
                  attestations:
                    - {id: sbom-required, repositories: ["127.0.0.1:*/test/busybox"], require: [sbom]}

                """)
        try await ServerHarness.withServer(config: config) { context in
            let (store, token) = try await Self.developer(context)
            try await Self.expectRefused(
                context, token, "\(upstream)/test/busybox", containing: ["lacks attestations: sbom", "sbom-required"])
            await store.shutdown()
        }
    }

    /// A registry token past its expiry is refused even though its seal is genuine.
    @Test func anExpiredRegistryTokenIsRefused() async throws {
        let upstream = try Self.upstream()
        try await ServerHarness.withServer(config: Self.config) { context in
            let (store, _) = try await Self.developer(context)
            let record = try #require(try await store.tokens(issuer: "https://idp.test", subject: "dev").first)
            let key = try AuditSigningKey.load(path: context.dataDir + "/" + AuditSigningKey.fileName)
            let handles = SealedHandle(secret: Array(key.rawRepresentation), purpose: "registry token")
            struct Expired: Encodable {
                let tid: String
                let repos: [String]
                let exp: Int64
            }
            let sealed = try handles.seal(
                Expired(
                    tid: record.id, repos: ["\(upstream)/test/busybox"],
                    exp: Int64(Date().timeIntervalSince1970) - 60))
            var headers = Self.pullHeaders("")
            headers[.authorization] = "Bearer \(sealed)"
            try await context.client.execute(
                uri: "/v2/\(upstream)/test/busybox/manifests/1", method: .get, headers: headers
            ) { response in
                #expect(response.status == .unauthorized)
                #expect(String(buffer: response.body).contains("expired"))
            }
            await store.shutdown()
        }
    }

    /// An upstream behind basic credentials, configured with a secret reference: skopeo pulls
    /// through Gatehouse, and the password is in no audit record.
    @Test func upstreamCredentialsComeFromTheSecretStoreAndStaySecret() async throws {
        guard let basic = ProcessInfo.processInfo.environment["GATEHOUSE_TEST_REGISTRY_BASIC"] else {
            try Test.cancel("GATEHOUSE_TEST_REGISTRY_BASIC is not set (scripts/test-deps.sh starts it)")
        }
        _ = try Self.upstream()
        let config = Self.config.replacingOccurrences(
            of: "    - {host: \"127.0.0.1:*\", plain_http: true}\n",
            with: """
                    - {host: "\(basic)", plain_http: true, username: gatehouse, password: env:TEST_UPSTREAM_PASSWORD}
                    - {host: "127.0.0.1:*", plain_http: true}

                """)
        try await ServerHarness.withServer(config: config, environment: ["TEST_UPSTREAM_PASSWORD": "test-password"]) {
            context in
            let port = try #require(context.client.port)
            let (store, token) = try await Self.developer(context)
            let layout = NSTemporaryDirectory() + "gatehouse-basic-" + UUID().uuidString.prefix(8)
            defer { try? FileManager.default.removeItem(atPath: layout) }
            let (status, output) = try await Self.skopeo([
                "copy", "--src-tls-verify=false", "--src-creds", "dev:\(token)",
                "docker://127.0.0.1:\(port)/\(Self.proxyForm(basic))/test/busybox:1", "oci:\(layout):pulled",
            ])
            #expect(status == 0, "\(output)")
            let records = try await store.queryAudit(AuditQuery(limit: 200))
            #expect(!records.isEmpty)
            #expect(!records.contains { "\($0)".contains("test-password") })
            await store.shutdown()
        }
    }

    /// The proxy is no way into the internal network: an internal address no upstream entry
    /// names is refused even where the policy would allow the pull.
    @Test func internalAddressesNeedAnUpstreamEntry() async throws {
        _ = try Self.upstream()
        let config = Self.config(
            signatureKey: nil,
            groupExtra: "      - {id: dev-anywhere, effect: allow, actions: [image.pull], resources: [\"*\"]}\n")
        try await ServerHarness.withServer(config: config) { context in
            let (store, token) = try await Self.developer(context)
            for address in ["127.0.0.2_5055", "169.254.169.254", "10.1.2.3_5000", "localhost_5000"] {
                try await Self.expectRefused(
                    context, token, "\(address)/test/busybox", containing: ["internal address"])
            }
            await store.shutdown()
        }
    }
}
