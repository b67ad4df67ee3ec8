import Foundation
import GatehouseCore
import Testing

@testable import GatehouseInference

@Suite struct DMRManifestTests {
    static let digestA = "sha256:" + String(repeating: "a", count: 64)
    static let digestB = "sha256:" + String(repeating: "b", count: 64)
    static let digestC = "sha256:" + String(repeating: "c", count: 64)

    static func layer(_ mediaType: String, _ digest: String = digestA, size: Int64 = 10) -> String {
        #"{"mediaType":"\#(mediaType)","digest":"\#(digest)","size":\#(size)}"#
    }

    static func manifest(
        layers: [String], config: String = DMRMediaType.configV01, mediaType: String = DMRMediaType.manifest,
        schema: Int = 2
    ) -> Data {
        let configJSON = #"{"mediaType":"\#(config)","digest":"\#(digestC)","size":100}"#
        return Data(
            #"{"schemaVersion":\#(schema),"mediaType":"\#(mediaType)","config":\#(configJSON),"layers":[\#(layers.joined(separator: ","))]}"#
                .utf8)
    }

    @Test func sortsLayersAndIgnoresUnknownOnes() throws {
        let data = Self.manifest(layers: [
            Self.layer(DMRMediaType.gguf, size: 1000), Self.layer(DMRMediaType.license, Self.digestB),
            Self.layer("application/vnd.example.unknown", Self.digestB),
            Self.layer(DMRMediaType.chatTemplate, Self.digestB),
        ])
        let parsed = try DMRManifest.parse(data)
        #expect(parsed.gguf.size == 1000)
        #expect(parsed.gguf.digest.description == Self.digestA)
        #expect(parsed.licenses.map(\.digest.description) == [Self.digestB])
        #expect(parsed.chatTemplate != nil)
        #expect(parsed.multimodalProjector == nil)
        #expect(parsed.config.digest.description == Self.digestC)
    }

    @Test(arguments: [
        (Data("not json".utf8), "not a valid OCI image manifest"),
        (Data(#"{"schemaVersion":2,"layers":[]}"#.utf8), "lacks \"config\""),
        (manifest(layers: [], schema: 1), "schemaVersion 1"),
        (manifest(layers: [], mediaType: DMRMediaType.imageIndex), "media type is \"application/vnd.oci.image.index"),
        (
            manifest(layers: [layer(DMRMediaType.gguf)], config: "application/vnd.oci.image.config.v1+json"),
            "not a Docker model"
        ),
        (manifest(layers: [layer(DMRMediaType.license)]), "no GGUF layer"),
        (manifest(layers: [layer(DMRMediaType.gguf), layer(DMRMediaType.gguf, digestB)]), "2 GGUF layers"),
        (manifest(layers: [layer(DMRMediaType.gguf, "sha256:ABC")]), "64 lowercase hex"),
        (manifest(layers: [layer(DMRMediaType.gguf, "md5:" + String(repeating: "a", count: 32))]), "not of the form"),
        (manifest(layers: [layer(DMRMediaType.gguf, size: -1)]), "negative size"),
        (manifest(layers: [layer(DMRMediaType.gguf), layer(DMRMediaType.license, size: 2 << 20)]), "licence layer"),
    ])
    func namesEachProblem(data: Data, fragment: String) {
        let error = #expect(throws: GatehouseError.self) { try DMRManifest.parse(data) }
        #expect(error?.message.contains(fragment) == true, "\(error?.message ?? "no error")")
    }

    @Test func boundsTheDocumentAndTheGGUFLayer() {
        let huge = Data(repeating: 0x20, count: (1 << 20) + 1)
        let tooBig = #expect(throws: GatehouseError.self) { try DMRManifest.parse(huge) }
        #expect(tooBig?.code == .payloadTooLarge)

        let data = Self.manifest(layers: [Self.layer(DMRMediaType.gguf, size: 5000)])
        let error = #expect(throws: GatehouseError.self) {
            try DMRManifest.parse(data, limits: .init(ggufBytes: 4096))
        }
        #expect(error?.code == .payloadTooLarge)
        #expect(error?.message.contains("GGUF layer") == true)
    }

    @Test func parsesADockerConfig() throws {
        let json = #"""
            {"config":{"format":"gguf","quantization":"Q4_K_M","parameters":"361.82M","architecture":"llama",
            "size":"256.35MiB","gguf":{"general.name":"x"},"context_size":8192},
            "descriptor":{"created":"2025-03-01T10:20:30.123456789Z"},
            "rootfs":{"type":"rootfs","diff_ids":["\#(Self.digestA)"]}}
            """#
        let config = try DMRModelConfig.parse(Data(json.utf8))
        #expect(config.config.quantization == "Q4_K_M")
        #expect(config.config.contextSize == 8192)
        #expect(config.config.gguf?["general.name"] == "x")
        #expect(config.descriptor.created == "2025-03-01T10:20:30.123456789Z")
        #expect(config.rootfs.diffIDs.map(\.description) == [Self.digestA])

        let safetensors = Data(
            #"{"config":{"format":"safetensors"},"descriptor":{},"rootfs":{"type":"rootfs","diff_ids":[]}}"#.utf8)
        let error = #expect(throws: GatehouseError.self) { try DMRModelConfig.parse(safetensors) }
        #expect(error?.message.contains("only gguf") == true)
    }
}
