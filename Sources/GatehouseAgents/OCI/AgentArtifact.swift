package import Foundation
package import GatehouseCore
package import GatehouseInference

/// A docker-agent artifact's manifest, checked: an OCI image manifest with the agent config media
/// type, exactly one `application/yaml` layer of at most 1 MiB, and the version annotation
/// docker-agent refuses to pull without.
package struct AgentArtifact: Hashable, Sendable {
    /// The manifest as parsed.
    package var manifest: OCIManifest
    /// The YAML layer.
    package var layer: OCIDescriptor
    /// The `io.docker.agent.version` annotation, or `io.docker.cagent.version` when only that is set.
    package var version: String

    /// Bounds applied while parsing.
    package struct Limits: Hashable, Sendable {
        /// Largest manifest document.
        package var manifestBytes = 1 << 20
        /// Largest config blob.
        package var configBytes: Int64 = 1 << 20
        /// Largest YAML layer.
        package var yamlBytes = Int64(AgentPackage.yamlLimit)

        /// 1 MiB for each.
        package static let standard = Limits()
        /// Creates the standard limits.
        package init() {}
    }

    /// Parses and checks a manifest document.
    /// - Throws: `.payloadTooLarge` for a document or blob above its limit, `.agentArtifactInvalid`
    ///   naming what is wrong (JSON, schema version, a media type, the layers, the annotations).
    package static func parse(manifest data: Data, limits: Limits = .standard) throws(GatehouseError) -> AgentArtifact {
        let manifest = try OCIManifest.parse(data, limit: limits.manifestBytes, invalid: .agentArtifactInvalid)
        if let type = manifest.artifactType, type != AgentMediaType.config {
            throw invalid("artifact type is \(quoted(type)), not \(AgentMediaType.config): not a docker-agent file")
        }
        guard manifest.config.mediaType == AgentMediaType.config else {
            throw invalid(
                "config media type is \(quoted(manifest.config.mediaType)), not \(AgentMediaType.config): "
                    + "not a docker-agent file")
        }
        try manifest.config.checkSize("config", limit: limits.configBytes, invalid: .agentArtifactInvalid)
        guard manifest.layers.count == 1, let layer = manifest.layers.first else {
            throw invalid("manifest has \(manifest.layers.count) layers; an agent artifact has exactly one")
        }
        guard layer.mediaType == AgentMediaType.yaml else {
            throw invalid("layer media type is \(quoted(layer.mediaType)), not \(AgentMediaType.yaml)")
        }
        try layer.checkSize("YAML layer", limit: limits.yamlBytes, invalid: .agentArtifactInvalid)
        let annotations = manifest.annotations ?? [:]
        let version = [AgentAnnotation.agentVersion, AgentAnnotation.cagentVersion].lazy
            .compactMap { annotations[$0] }.first { !$0.isEmpty }
        guard let version else {
            throw invalid(
                "manifest has neither \(AgentAnnotation.agentVersion) nor \(AgentAnnotation.cagentVersion) "
                    + "annotation: not pushed by docker-agent")
        }
        return AgentArtifact(manifest: manifest, layer: layer, version: version)
    }

    /// The agent file held by `data`, the YAML layer's bytes, once its size and digest match the
    /// manifest's and it is UTF-8 text.
    /// - Throws: `.agentArtifactInvalid` naming the mismatch.
    package func yaml(from data: Data) throws(GatehouseError) -> String {
        guard Int64(data.count) == layer.size else {
            throw Self.invalid("the YAML layer has \(data.count) bytes; the manifest says \(layer.size)")
        }
        let digest = OCIDigest.of(data)
        guard digest == layer.digest else {
            throw Self.invalid("the YAML layer's digest is \(digest.short); the manifest says \(layer.digest.short)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw Self.invalid("the YAML layer is not UTF-8 text")
        }
        return text
    }

    private static func invalid(_ message: String) -> GatehouseError {
        GatehouseError(.agentArtifactInvalid, "agent artifact: " + message)
    }

    private static func quoted(_ text: String) -> String { "\"" + DMRManifest.excerpt(text) + "\"" }
}
