import GatehouseCore
import NIOConcurrencyHelpers
import Testing

@testable import GatehouseInference

@Suite struct OCIPusherTokenTests {
    @Test func followsTheBearerChallengeWithBasicCredentials() async throws {
        let registry = try await FakeTokenRegistry()
        let directory = try TemporaryDirectory()
        defer { directory.cleanup() }
        let package = try DMRPackage.build(ggufPath: try TinyGGUF.write(in: directory.path))
        let reference = try OCIReference(parsing: "127.0.0.1:\(registry.port)/m/x:v1")

        let refused = await #expect(throws: GatehouseError.self) {
            try await OCIPusher(plainHTTP: true).push(package, to: reference)
        }
        #expect(refused?.code == .unauthenticated)
        #expect(refused?.message.contains("getting a token") == true)

        let credentials = RegistryCredentials(username: "gatehouse", password: "s3cret")
        let digest = try await OCIPusher(credentials: credentials, plainHTTP: true).push(package, to: reference)
        let stored = registry.stored.withLockedValue { $0 }
        #expect(stored["/v2/m/x/manifests/v1"].map { OCIDigest.of($0) } == digest)
        #expect(
            stored["/v2/m/x/blobs/\(package.layers[0].descriptor.digest)"].map { OCIDigest.of($0) }
                == package.layers[0].descriptor.digest)
        #expect(stored["/v2/m/x/blobs/\(package.configDescriptor.digest)"].map { $0.count } == package.configData.count)
        #expect(registry.tokenRequests.withLockedValue { $0 } == 1, "the token is reused across requests")
        try await registry.shutdown()
    }
}
