package import Foundation
package import GatehouseCore

/// A model packaged in Docker Model Runner's format, ready to push: the manifest and config
/// bytes, and the local files behind each layer.
package struct DMRPackage: Sendable {
    /// A layer and the file holding its bytes.
    package struct Layer: Hashable, Sendable {
        /// The layer's descriptor as it appears in the manifest.
        package var descriptor: OCIDescriptor
        /// The local file with the layer's content.
        package var path: String
    }

    /// The config blob's bytes.
    package var configData: Data
    /// The config as built.
    package var config: DMRModelConfig
    /// The layers: the GGUF first, then the licence when given.
    package var layers: [Layer]
    /// The manifest's bytes, exactly as pushed.
    package var manifestData: Data
    /// The manifest's digest.
    package var manifestDigest: OCIDigest { OCIDigest.of(manifestData) }
    /// The config's descriptor.
    package var configDescriptor: OCIDescriptor {
        OCIDescriptor(mediaType: DMRMediaType.configV01, digest: .of(configData), size: Int64(configData.count))
    }

    /// Packages the GGUF file at `ggufPath` (and a licence text file) as DMR does: one layer
    /// per file with file annotations, a v0.1 config filled from the GGUF header, an OCI manifest.
    /// - Throws: `.modelInvalid` when the file is not GGUF, `.payloadTooLarge` for a licence
    ///   above 1 MiB, `.notFound`/`.storeUnavailable` when a file cannot be read.
    package static func build(
        ggufPath: String, licensePath: String? = nil, created: Date = Date()
    ) throws(GatehouseError) -> DMRPackage {
        let info = try GGUFFile.read(path: ggufPath)
        let gguf = try layer(at: ggufPath, mediaType: DMRMediaType.gguf)
        var layers = [gguf]
        if let licensePath {
            let license = try layer(at: licensePath, mediaType: DMRMediaType.license)
            guard license.descriptor.size <= 1 << 20 else {
                throw GatehouseError(.payloadTooLarge, "licence file \(licensePath) is larger than 1 MiB")
            }
            layers.append(license)
        }
        let details = DMRModelConfig.Details(
            format: "gguf", quantization: info.fileType.flatMap(GGMLFileType.name(of:)),
            parameters: DMRFormat.parameters(info.parameterCount), architecture: info.architecture,
            size: DMRFormat.bytes(gguf.descriptor.size),
            contextSize: info.contextLength.flatMap { Int32(exactly: $0) })
        let config = DMRModelConfig(
            config: details, descriptor: .init(created: DMRFormat.timestamp(created)),
            rootfs: .init(diffIDs: layers.map(\.descriptor.digest)))
        return assemble(config: config, layers: layers)
    }

    /// Builds the manifest for `config` and `layers`.
    package static func assemble(config: DMRModelConfig, layers: [Layer]) -> DMRPackage {
        let configData = config.encoded()
        var package = DMRPackage(configData: configData, config: config, layers: layers, manifestData: Data())
        let manifest = OCIManifest(
            mediaType: DMRMediaType.manifest, config: package.configDescriptor, layers: layers.map(\.descriptor))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        package.manifestData = try! encoder.encode(manifest)  // strings and numbers only
        return package
    }

    /// A layer for the file at `path`: its digest and size, and DMR's file annotations.
    static func layer(at path: String, mediaType: String) throws(GatehouseError) -> Layer {
        let (digest, size) = try FileIO.digest(path: path)
        let name = (path as NSString).lastPathComponent
        let modified = (try? FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date) ?? nil
        let metadata = DMRFileMetadata(name: name, size: size, modified: modified ?? Date(timeIntervalSince1970: 0))
        let annotations = [
            DMRAnnotation.filePath: name,
            DMRAnnotation.fileMetadata: metadata.json(),
            DMRAnnotation.mediaTypeUntested: "false",
        ]
        return Layer(
            descriptor: OCIDescriptor(mediaType: mediaType, digest: digest, size: size, annotations: annotations),
            path: path)
    }
}
