import Foundation
import GatehouseAgents
import GatehouseCore
import GatehouseInference
import Testing

/// Packaging an agent file in docker-agent's OCI format.
@Suite struct AgentPackageTests {
    static let file = """
        version: "7"
        metadata:
          author: Ada Lovelace
          license: Apache-2.0
          version: 1.2.0
        agents:
          root:
            model: openai/gpt-4o
            instruction: Review the change.

        """

    @Test func theManifestHasDockerAgentsMediaTypesAndAnnotations() throws {
        let created = Date(timeIntervalSince1970: 1_750_000_000)
        let package = try AgentPackage.build(
            yaml: Data(Self.file.utf8), fileName: "reviewer.yaml", created: created, version: "9.9.9")
        let manifest = try JSONDecoder().decode(OCIManifest.self, from: package.manifestData)
        #expect(manifest.schemaVersion == 2)
        #expect(manifest.mediaType == "application/vnd.oci.image.manifest.v1+json")
        #expect(manifest.artifactType == "application/vnd.docker.agent.config.v1+json")
        #expect(manifest.config.mediaType == "application/vnd.docker.agent.config.v1+json")
        #expect(manifest.layers.count == 1)
        #expect(manifest.layers[0].mediaType == "application/yaml")
        #expect(manifest.layers[0].digest == OCIDigest.of(Data(Self.file.utf8)))
        #expect(manifest.layers[0].size == Int64(Self.file.utf8.count))
        #expect(
            manifest.annotations == [
                "io.docker.agent.version": "9.9.9",
                "io.docker.cagent.version": "9.9.9",
                "org.opencontainers.image.created": "2025-06-15T15:06:40Z",
                "org.opencontainers.image.description": "OCI artifact containing reviewer.yaml",
                "org.opencontainers.image.authors": "Ada Lovelace",
                "org.opencontainers.image.licenses": "Apache-2.0",
                "org.opencontainers.image.revision": "1.2.0",
            ])
        #expect(package.yaml == Data(Self.file.utf8))
        #expect(package.blobs.map(\.descriptor) == [manifest.layers[0], manifest.config])
        #expect(package.manifestDigest == OCIDigest.of(package.manifestData))
    }

    @Test func theConfigIsTheDefaultImageConfigNamingTheLayer() throws {
        let package = try AgentPackage.build(yaml: Data(Self.file.utf8), fileName: "a.yaml")
        let config = try #require(JSONValue.parse(package.configData))
        #expect(config["architecture"]?.stringValue == "")
        #expect(config["os"]?.stringValue == "")
        #expect(config["rootfs"]?["type"]?.stringValue == "layers")
        let layer = OCIDigest.of(package.yaml).description
        #expect(config["rootfs"]?["diff_ids"]?.arrayValue?.first?.stringValue == layer)
        #expect(package.manifest.config.digest == OCIDigest.of(package.configData))
    }

    @Test func aFileWithoutMetadataHasNoMetadataAnnotations() throws {
        let package = try AgentPackage.build(
            yaml: Data("version: \"7\"\nagents: {root: {model: m}}\n".utf8), fileName: "a.yaml")
        let annotations = package.manifest.annotations ?? [:]
        #expect(annotations["org.opencontainers.image.authors"] == nil)
        #expect(annotations["org.opencontainers.image.licenses"] == nil)
        #expect(annotations["org.opencontainers.image.revision"] == nil)
        #expect(annotations["io.docker.agent.version"] == GatehouseVersion.current)
    }

    @Test func aFileWithoutAVersionGetsVersionSevenFirst() throws {
        let package = try AgentPackage.build(yaml: Data("agents:\n  root: {model: m}\n".utf8), fileName: "a.yaml")
        #expect(String(decoding: package.yaml, as: UTF8.self) == "version: \"7\"\nagents:\n  root: {model: m}\n")
        #expect(package.manifest.layers[0].digest == OCIDigest.of(package.yaml))
        // Where a first line cannot be added safely, the file is refused with what to do.
        #expect {
            try AgentPackage.build(yaml: Data("{agents: {root: {model: m}}}".utf8), fileName: "flow.yaml")
        } throws: { ($0 as? GatehouseError)?.message.contains("add version") == true }
    }

    @Test func whatIsNotAYAMLMappingOrTooLargeIsRefused() {
        for (text, expected) in [("- a\n- b\n", "not a YAML mapping"), ("a: [b\n", "is not YAML"), ("", "mapping")] {
            #expect {
                try AgentPackage.build(yaml: Data(text.utf8), fileName: "bad.yaml")
            } throws: {
                ($0 as? GatehouseError)?.code == .agentArtifactInvalid
                    && ($0 as? GatehouseError)?.message.contains(expected) == true
            }
        }
        #expect {
            try AgentPackage.build(yaml: Data([0xff, 0xfe, 0x00]), fileName: "bin.yaml")
        } throws: { ($0 as? GatehouseError)?.message.contains("not UTF-8") == true }
        let large = "version: \"7\"\nnote: \"" + String(repeating: "x", count: 1 << 20) + "\"\n"
        #expect {
            try AgentPackage.build(yaml: Data(large.utf8), fileName: "big.yaml")
        } throws: { ($0 as? GatehouseError)?.code == .payloadTooLarge }
    }
}
