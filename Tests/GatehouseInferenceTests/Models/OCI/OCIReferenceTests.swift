import AsyncHTTPClient
import GatehouseCore
import NIOCore
import Testing

@testable import GatehouseInference

@Suite struct OCIReferenceTests {
    @Test func parsesHostRepositoryTagAndDigest() throws {
        let local = try OCIReference(parsing: "127.0.0.1:5055/gatehouse/smollm2:135m")
        #expect(local.host == "127.0.0.1:5055")
        #expect(local.repository == "gatehouse/smollm2")
        #expect(local.tag == "135m")
        let hub = try OCIReference(parsing: "ai/smollm2")
        #expect(hub.host == "registry-1.docker.io")
        #expect(hub.repository == "ai/smollm2")
        #expect(hub.tag == "latest")
        let pinned = try OCIReference(parsing: "localhost/x@sha256:" + String(repeating: "0", count: 64))
        #expect(pinned.tag == nil)
        #expect(pinned.manifestReference == "sha256:" + String(repeating: "0", count: 64))
    }

    @Test(arguments: [
        "", "Host.example/UPPER:1", "h.example/a//b", "h.example/x:-bad", "h.example/x@sha256:12", "h.example/-x",
    ])
    func rejects(_ raw: String) {
        #expect(throws: GatehouseError.self) { try OCIReference(parsing: raw) }
    }

    @Test func parsesChallenges() throws {
        let bearer = try #require(
            AuthChallenge(
                #"Bearer realm="https://auth.example/token",service="registry.example",scope="repository:a/b:pull,push""#
            ))
        #expect(bearer.scheme == "bearer")
        #expect(bearer.parameters["realm"] == "https://auth.example/token")
        #expect(bearer.parameters["service"] == "registry.example")
        #expect(bearer.parameters["scope"] == "repository:a/b:pull,push")
        let basic = try #require(AuthChallenge(#"Basic realm="gatehouse-test""#))
        #expect(basic.scheme == "basic")
        #expect(basic.parameters["realm"] == "gatehouse-test")
    }

    @Test func buildsUploadURLs() throws {
        let pusher = OCIPusher(plainHTTP: true)
        let client = RegistryClient(
            http: .shared, host: "127.0.0.1:1", credentials: nil, plainHTTP: true, timeout: .seconds(1))
        let digest = OCIDigest.of([1, 2, 3])
        let suffix = "digest=sha256%3A" + digest.hex
        #expect(
            try pusher.uploadURL("/v2/x/blobs/uploads/u1", digest: digest, client: client, step: "s")
                == "http://127.0.0.1:1/v2/x/blobs/uploads/u1?" + suffix)
        #expect(
            try pusher.uploadURL("/v2/x/blobs/uploads/u1?_state=abc", digest: digest, client: client, step: "s")
                == "http://127.0.0.1:1/v2/x/blobs/uploads/u1?_state=abc&" + suffix)
        #expect(
            try pusher.uploadURL("http://other:9/up?a=1", digest: digest, client: client, step: "s")
                == "http://other:9/up?a=1&" + suffix)
        #expect(throws: GatehouseError.self) { try pusher.uploadURL("up", digest: digest, client: client, step: "s") }
        let tls = OCIPusher(plainHTTP: false)
        #expect(throws: GatehouseError.self) {
            try tls.uploadURL("http://other:9/up", digest: digest, client: client, step: "s")
        }
    }
}
