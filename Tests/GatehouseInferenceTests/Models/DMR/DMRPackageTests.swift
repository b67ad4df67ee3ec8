import Foundation
import GatehouseCore
import Testing

@testable import GatehouseInference

@Suite struct DMRPackageTests {
    @Test func buildThenParseRoundTrips() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanup() }
        let gguf = try TinyGGUF.write(in: directory.path, name: "model.gguf", fileType: 15)
        let license = try directory.write("MIT", to: "LICENSE")
        let created = Date(timeIntervalSince1970: 1_750_000_000)
        let package = try DMRPackage.build(ggufPath: gguf, licensePath: license, created: created)

        let parsed = try DMRManifest.parse(package.manifestData)
        #expect(parsed.manifest.mediaType == DMRMediaType.manifest)
        #expect(parsed.manifest.artifactType == nil)
        #expect(parsed.gguf.digest == OCIDigest.of(TinyGGUF.bytes(fileType: 15)))
        #expect(parsed.gguf.size == Int64(TinyGGUF.bytes().count))
        #expect(parsed.gguf.annotations?[DMRAnnotation.filePath] == "model.gguf")
        #expect(parsed.gguf.annotations?[DMRAnnotation.mediaTypeUntested] == "false")
        #expect(parsed.gguf.annotations?[DMRAnnotation.fileMetadata]?.contains(#""name":"model.gguf""#) == true)
        #expect(parsed.licenses.map(\.digest) == [OCIDigest.of(Array("MIT".utf8))])
        #expect(parsed.config == package.configDescriptor)
        #expect(parsed.config.digest == OCIDigest.of(package.configData))

        let config = try DMRModelConfig.parse(package.configData)
        #expect(config == package.config)
        #expect(config.config.format == "gguf")
        #expect(config.config.quantization == "Q4_K_M")
        #expect(config.config.architecture == "llama")
        #expect(config.config.parameters == "64")
        #expect(config.config.contextSize == 2048)
        #expect(config.config.size == "480B")
        #expect(config.descriptor.created == "2025-06-15T15:06:40Z")
        #expect(config.rootfs.type == "rootfs")
        #expect(config.rootfs.diffIDs == parsed.manifest.layers.map(\.digest))
    }

    @Test func refusesAFileThatIsNotGGUF() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanup() }
        let fake = try directory.write("nope", to: "fake.gguf")
        let error = #expect(throws: GatehouseError.self) { try DMRPackage.build(ggufPath: fake) }
        #expect(error?.code == .modelInvalid)
    }

    @Test(arguments: [
        (Int64(134_515_008), "134.52M"), (999, "999"), (1_700_000_000, "1.70B"), (8_030_261_248, "8.03B"),
    ])
    func formatsParameters(count: Int64, expected: String) {
        #expect(DMRFormat.parameters(count) == expected)
    }

    @Test func formatsSizesAndQuantizations() {
        #expect(DMRFormat.bytes(268_800_000) == "256.35MiB")
        #expect(DMRFormat.bytes(1023) == "1023B")
        #expect(GGMLFileType.name(of: 3) == "Q4_1")
        #expect(GGMLFileType.name(of: 15) == "Q4_K_M")
        #expect(GGMLFileType.name(of: 1) == "F16")
        #expect(GGMLFileType.name(of: 32) == "BF16")
        #expect(GGMLFileType.name(of: 4) == nil)
    }
}
