import Foundation
import GatehouseAgents
import GatehouseCore
import GatehouseInference
import Testing

/// Checking a pulled agent artifact's manifest and layer.
@Suite struct AgentArtifactTests {
    static func package() throws -> AgentPackage {
        try AgentPackage.build(yaml: Data(AgentPackageTests.file.utf8), fileName: "reviewer.yaml")
    }

    /// The package's manifest changed by `change`, encoded.
    static func manifest(_ change: (inout OCIManifest) -> Void) throws -> Data {
        var manifest = try package().manifest
        change(&manifest)
        return try JSONEncoder().encode(manifest)
    }

    static func refusal(_ data: Data) -> GatehouseError? {
        do {
            _ = try AgentArtifact.parse(manifest: data)
            return nil
        } catch {
            return error
        }
    }

    @Test func aPackagedManifestParsesAndItsLayerIsVerified() throws {
        let package = try Self.package()
        let artifact = try AgentArtifact.parse(manifest: package.manifestData)
        #expect(artifact.layer == package.manifest.layers[0])
        #expect(artifact.version == GatehouseVersion.current)
        #expect(try artifact.yaml(from: package.yaml) == AgentPackageTests.file)
        var tampered = package.yaml
        tampered[0] = UInt8(ascii: "V")
        #expect(throws: GatehouseError.self) { try artifact.yaml(from: tampered) }
        #expect {
            try artifact.yaml(from: package.yaml + Data("x".utf8))
        } throws: { ($0 as? GatehouseError)?.message.contains("bytes; the manifest says") == true }
    }

    @Test func cagentsOlderAnnotationAloneIsEnough() throws {
        let data = try Self.manifest { $0.annotations = ["io.docker.cagent.version": "v1.0.0"] }
        #expect(try AgentArtifact.parse(manifest: data).version == "v1.0.0")
    }

    @Test func aManifestWithoutAVersionAnnotationIsRefused() throws {
        let error = Self.refusal(
            try Self.manifest {
                $0.annotations?["io.docker.agent.version"] = nil
                $0.annotations?["io.docker.cagent.version"] = nil
            })
        #expect(error?.code == .agentArtifactInvalid)
        #expect(error?.message.contains("neither io.docker.agent.version nor io.docker.cagent.version") == true)
    }

    @Test func aWrongLayerTypeOrLayerCountIsRefused() throws {
        let wrongType = Self.refusal(try Self.manifest { $0.layers[0].mediaType = "application/vnd.docker.ai.gguf.v3" })
        #expect(wrongType?.message.contains("layer media type is \"application/vnd.docker.ai.gguf.v3\"") == true)
        let two = Self.refusal(try Self.manifest { $0.layers.append($0.layers[0]) })
        #expect(two?.message.contains("has 2 layers") == true)
        let none = Self.refusal(try Self.manifest { $0.layers = [] })
        #expect(none?.message.contains("has 0 layers") == true)
    }

    @Test func otherMediaTypesAreRefusedByName() throws {
        let model = Self.refusal(
            try Self.manifest { $0.config.mediaType = "application/vnd.docker.ai.model.config.v0.1+json" })
        #expect(model?.message.contains("config media type") == true)
        #expect(model?.message.contains("not a docker-agent file") == true)
        let index = Self.refusal(try Self.manifest { $0.mediaType = "application/vnd.oci.image.index.v1+json" })
        #expect(index?.message.contains("manifest media type") == true)
        let artifact = Self.refusal(try Self.manifest { $0.artifactType = "application/vnd.example" })
        #expect(artifact?.message.contains("artifact type") == true)
        let notJSON = Self.refusal(Data("{\"schemaVersion\": 2".utf8))
        #expect(notJSON?.message.contains("not a valid OCI image manifest") == true)
    }

    @Test func anOversizeLayerIsRefused() throws {
        let error = Self.refusal(try Self.manifest { $0.layers[0].size = (1 << 20) + 1 })
        #expect(error?.code == .payloadTooLarge)
        #expect(error?.message.contains("YAML layer") == true)
        let negative = Self.refusal(try Self.manifest { $0.layers[0].size = -1 })
        #expect(negative?.message.contains("negative size") == true)
    }
}
