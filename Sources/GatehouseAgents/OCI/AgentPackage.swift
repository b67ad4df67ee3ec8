package import Foundation
package import GatehouseCore
package import GatehouseInference

/// An agent file packaged in docker-agent's OCI format, ready for ``OCIPusher``: one
/// `application/yaml` layer holding the file's bytes, go-containerregistry's default image config
/// as the `application/vnd.docker.agent.config.v1+json` blob, and an OCI manifest with that
/// `artifactType` and docker-agent's annotations.
package struct AgentPackage: OCIArtifactPackage {
    /// The most bytes an agent file may have.
    package static let yamlLimit = 1 << 20

    /// The YAML layer's bytes: the file as given, or with `version: "7"` put first when it had none.
    package var yaml: Data
    /// The config blob's bytes.
    package var configData: Data
    /// The manifest as built.
    package var manifest: OCIManifest
    /// The manifest's bytes, exactly as pushed.
    package var manifestData: Data

    /// The manifest's digest.
    package var manifestDigest: OCIDigest { .of(manifestData) }
    /// ``AgentMediaType/manifest``.
    package var manifestMediaType: String { AgentMediaType.manifest }
    /// The YAML layer, then the config.
    package var blobs: [OCIBlob] {
        [
            OCIBlob(descriptor: manifest.layers[0], source: .bytes(yaml)),
            OCIBlob(descriptor: manifest.config, source: .bytes(configData)),
        ]
    }

    /// Packages the agent file at `path` (see ``build(yaml:fileName:created:version:)``).
    /// - Throws: `.notFound` when the file cannot be read, `.payloadTooLarge` above 1 MiB,
    ///   `.agentArtifactInvalid` when it is not a YAML mapping.
    package static func build(path: String, created: Date = Date()) throws(GatehouseError) -> AgentPackage {
        let name = (path as NSString).lastPathComponent
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue
        guard let size else { throw GatehouseError(.notFound, "cannot read the agent file \(name)") }
        guard size <= yamlLimit else {
            throw GatehouseError(.payloadTooLarge, "agent file \(name) is \(size) bytes, above the 1 MiB limit")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw GatehouseError(.notFound, "cannot read the agent file \(name)")
        }
        return try build(yaml: data, fileName: name, created: created)
    }

    /// Packages an agent file's bytes as docker-agent does: the annotations name `version` (the
    /// pushing program's), the time, the file and the file's `metadata` (author, license,
    /// version). A file without a top-level `version` gets `version: "7"` put first, as
    /// docker-agent sets it before pushing.
    /// - Throws: `.payloadTooLarge` above 1 MiB, `.agentArtifactInvalid` when the bytes are not
    ///   UTF-8 text holding one YAML mapping.
    package static func build(
        yaml data: Data, fileName: String, created: Date = Date(), version: String = GatehouseVersion.current
    ) throws(GatehouseError) -> AgentPackage {
        let file = try AgentFileFacts.read(data, fileName: fileName)
        guard file.yaml.count <= yamlLimit else {
            throw GatehouseError(.payloadTooLarge, "agent file \(fileName) is above the 1 MiB limit")
        }
        let layer = OCIDescriptor(
            mediaType: AgentMediaType.yaml, digest: .of(file.yaml), size: Int64(file.yaml.count))
        let configData = Data(
            (#"{"architecture":"","created":"0001-01-01T00:00:00Z","os":"","#
                + #""rootfs":{"type":"layers","diff_ids":["\#(layer.digest)"]},"config":{}}"#).utf8)
        let config = OCIDescriptor(
            mediaType: AgentMediaType.config, digest: .of(configData), size: Int64(configData.count))
        var manifest = OCIManifest(mediaType: AgentMediaType.manifest, config: config, layers: [layer])
        manifest.artifactType = AgentMediaType.config
        var annotations = [
            AgentAnnotation.agentVersion: version,
            AgentAnnotation.cagentVersion: version,
            AgentAnnotation.created: DMRFormat.timestamp(created),
            AgentAnnotation.description: "OCI artifact containing \(fileName)",
        ]
        annotations[AgentAnnotation.authors] = file.author
        annotations[AgentAnnotation.licenses] = file.license
        annotations[AgentAnnotation.revision] = file.version
        manifest.annotations = annotations
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let manifestData = try! encoder.encode(manifest)  // strings and numbers only
        return AgentPackage(yaml: file.yaml, configData: configData, manifest: manifest, manifestData: manifestData)
    }
}
