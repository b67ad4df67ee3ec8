import AsyncHTTPClient
import Foundation
import GatehouseCore
import NIOCore
import NIOFoundationCompat
import NIOHTTP1
import Testing

@testable import GatehouseInference

/// Pushes to the CNCF registry that `scripts/registry-test.sh start` runs on 127.0.0.1 and reads
/// everything back with plain GETs.
@Suite(
    .enabled(
        if: ProcessInfo.processInfo.environment["GATEHOUSE_TEST_REGISTRY"] != nil,
        "needs GATEHOUSE_TEST_REGISTRY (scripts/registry-test.sh start)"))
struct OCIPusherIntegrationTests {
    let environment = ProcessInfo.processInfo.environment

    /// The real SmolLM2 model when installed, else a tiny GGUF written in `directory`.
    func modelFile(in directory: TemporaryDirectory) throws -> String {
        if let real = environment["GATEHOUSE_TEST_SMOLLM2_GGUF"], FileManager.default.fileExists(atPath: real) {
            return real
        }
        return try TinyGGUF.write(in: directory.path)
    }

    func get(_ url: String, accept: String? = nil, limit: Int = 256 << 20) async throws -> (HTTPClientResponse, Data) {
        var request = HTTPClientRequest(url: url)
        if let accept { request.headers.add(name: "Accept", value: accept) }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(120))
        let body = try await response.body.collect(upTo: limit)
        return (response, Data(buffer: body))
    }

    @Test func pushesAModelThatReadsBackByteForByte() async throws {
        let registry = try #require(environment["GATEHOUSE_TEST_REGISTRY"])
        let directory = try TemporaryDirectory()
        defer { directory.cleanup() }
        let gguf = try modelFile(in: directory)
        let license = try directory.write("Apache License 2.0 (test)", to: "LICENSE")
        let package = try DMRPackage.build(ggufPath: gguf, licensePath: license)
        let tag = "t" + UUID().uuidString.lowercased().prefix(8)
        let reference = try OCIReference(parsing: "\(registry)/gatehouse-test/model:\(tag)")

        let pusher = OCIPusher(plainHTTP: true)
        let digest = try await pusher.push(package, to: reference)
        #expect(digest == package.manifestDigest)

        let base = "http://\(registry)/v2/gatehouse-test/model"
        let (manifestResponse, manifest) = try await get("\(base)/manifests/\(tag)", accept: DMRMediaType.manifest)
        #expect(manifestResponse.status == .ok)
        #expect(manifest == package.manifestData)
        #expect(manifestResponse.headers.first(name: "Docker-Content-Digest") == digest.description)
        #expect(manifestResponse.headers.first(name: "Content-Type") == DMRMediaType.manifest)

        let parsed = try DMRManifest.parse(manifest)
        let (_, config) = try await get("\(base)/blobs/\(parsed.config.digest)")
        #expect(config == package.configData)
        #expect(try DMRModelConfig.parse(config).config.format == "gguf")
        let (_, licenseText) = try await get("\(base)/blobs/\(parsed.licenses[0].digest)")
        #expect(String(decoding: licenseText, as: UTF8.self) == "Apache License 2.0 (test)")
        let (_, model) = try await get("\(base)/blobs/\(parsed.gguf.digest)")
        #expect(Int64(model.count) == parsed.gguf.size)
        #expect(OCIDigest.of(model) == parsed.gguf.digest)

        // A second push finds every blob present and only re-puts the manifest.
        #expect(try await pusher.push(package, to: reference) == digest)
    }

    @Test(
        .enabled(
            if: ProcessInfo.processInfo.environment["GATEHOUSE_TEST_REGISTRY_BASIC"] != nil,
            "needs GATEHOUSE_TEST_REGISTRY_BASIC"))
    func pushesWithBasicCredentialsAndRefusesWithout() async throws {
        let registry = try #require(environment["GATEHOUSE_TEST_REGISTRY_BASIC"])
        let directory = try TemporaryDirectory()
        defer { directory.cleanup() }
        let package = try DMRPackage.build(ggufPath: try TinyGGUF.write(in: directory.path))
        let reference = try OCIReference(parsing: "\(registry)/gatehouse-test/tiny:basic")

        let anonymous = await #expect(throws: GatehouseError.self) {
            try await OCIPusher(plainHTTP: true).push(package, to: reference)
        }
        #expect(anonymous?.code == .unauthenticated)
        #expect(anonymous?.message.contains("wants credentials") == true)

        let wrong = RegistryCredentials(username: "gatehouse", password: "wrong-secret")
        let rejected = await #expect(throws: GatehouseError.self) {
            try await OCIPusher(credentials: wrong, plainHTTP: true).push(package, to: reference)
        }
        #expect(rejected?.code == .unauthenticated)
        #expect(rejected?.message.contains("checking blob") == true)
        #expect(rejected?.message.contains("401") == true)
        #expect(rejected?.message.contains("wrong-secret") == false)

        let right = RegistryCredentials(username: "gatehouse", password: "test-password")
        let digest = try await OCIPusher(credentials: right, plainHTTP: true).push(package, to: reference)
        var request = HTTPClientRequest(url: "http://\(registry)/v2/gatehouse-test/tiny/manifests/basic")
        request.headers.add(name: "Accept", value: DMRMediaType.manifest)
        request.headers.add(name: "Authorization", value: right.basicAuthorization)
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        let body = try await response.body.collect(upTo: 1 << 20)
        #expect(response.status == .ok)
        #expect(Data(buffer: body) == package.manifestData)
        #expect(OCIDigest.of(Data(buffer: body)) == digest)
    }
}
