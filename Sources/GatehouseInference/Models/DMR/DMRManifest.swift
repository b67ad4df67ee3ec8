package import Foundation
package import GatehouseCore

/// A Docker Model Runner manifest, checked and sorted out: the config, the one GGUF layer, and
/// the optional layers Gatehouse understands. Unknown layer types are ignored.
package struct DMRManifest: Hashable, Sendable {
    /// The manifest as parsed.
    package var manifest: OCIManifest
    /// The config blob's descriptor.
    package var config: OCIDescriptor { manifest.config }
    /// The GGUF model layer.
    package var gguf: OCIDescriptor
    /// Licence text layers.
    package var licenses: [OCIDescriptor]
    /// The multimodal projector layer, when present.
    package var multimodalProjector: OCIDescriptor?
    /// The chat template layer, when present.
    package var chatTemplate: OCIDescriptor?

    /// Bounds applied while parsing.
    package struct Limits: Hashable, Sendable {
        /// Largest manifest document.
        package var manifestBytes = 1 << 20
        /// Largest config blob.
        package var configBytes = DMRModelConfig.sizeLimit
        /// Largest GGUF layer.
        package var ggufBytes: Int64 = 64 << 30
        /// Largest licence, projector-free small layer (licence, chat template).
        package var textBytes: Int64 = 1 << 20
        /// Largest multimodal projector.
        package var projectorBytes: Int64 = 8 << 30
        /// Most layers in one manifest.
        package var layerCount = 64

        /// The defaults: 1 MiB documents, 64 GiB GGUF, 64 layers.
        package static let standard = Limits()
        /// Creates limits with a given GGUF bound.
        package init(ggufBytes: Int64 = 64 << 30) { self.ggufBytes = ggufBytes }
    }

    /// Parses and checks a manifest document.
    /// - Throws: `.payloadTooLarge` for a document or layer above its limit, `.modelInvalid`
    ///   naming what is wrong (JSON, schema version, media types, GGUF layer count).
    package static func parse(_ data: Data, limits: Limits = .standard) throws(GatehouseError) -> DMRManifest {
        let manifest = try OCIManifest.parse(data, limit: limits.manifestBytes, invalid: .modelInvalid)
        let configType = manifest.config.mediaType
        guard configType == DMRMediaType.configV01 || configType == DMRMediaType.configV02 else {
            throw GatehouseError(
                .modelInvalid,
                "config media type is \"\(excerpt(configType))\", not \(DMRMediaType.configV01): not a Docker model")
        }
        try check(manifest.config, "config", limit: Int64(limits.configBytes))
        guard manifest.layers.count <= limits.layerCount else {
            throw GatehouseError(
                .modelInvalid, "manifest has \(manifest.layers.count) layers, above \(limits.layerCount)")
        }
        return try sortLayers(manifest, limits: limits)
    }

    private static func sortLayers(_ manifest: OCIManifest, limits: Limits) throws(GatehouseError) -> DMRManifest {
        var ggufs: [OCIDescriptor] = []
        var licenses: [OCIDescriptor] = []
        var projector: OCIDescriptor?
        var template: OCIDescriptor?
        for layer in manifest.layers {
            switch layer.mediaType {
            case DMRMediaType.gguf:
                try check(layer, "GGUF layer", limit: limits.ggufBytes)
                ggufs.append(layer)
            case DMRMediaType.license:
                try check(layer, "licence layer", limit: limits.textBytes)
                licenses.append(layer)
            case DMRMediaType.multimodalProjector:
                try check(layer, "multimodal projector layer", limit: limits.projectorBytes)
                guard projector == nil else {
                    throw GatehouseError(.modelInvalid, "manifest has several mmproj layers")
                }
                projector = layer
            case DMRMediaType.chatTemplate:
                try check(layer, "chat template layer", limit: limits.textBytes)
                guard template == nil else {
                    throw GatehouseError(.modelInvalid, "manifest has several chat template layers")
                }
                template = layer
            default:
                continue
            }
        }
        guard let gguf = ggufs.first else {
            throw GatehouseError(.modelInvalid, "manifest has no GGUF layer (\(DMRMediaType.gguf))")
        }
        guard ggufs.count == 1 else {
            throw GatehouseError(
                .modelInvalid, "manifest has \(ggufs.count) GGUF layers; sharded models are not supported")
        }
        return DMRManifest(
            manifest: manifest, gguf: gguf, licenses: licenses, multimodalProjector: projector,
            chatTemplate: template)
    }

    private static func check(_ descriptor: OCIDescriptor, _ what: String, limit: Int64) throws(GatehouseError) {
        try descriptor.checkSize(what, limit: limit, invalid: .modelInvalid)
    }

    /// `text`, cut to 100 characters with an ellipsis, for messages.
    package static func excerpt(_ text: String) -> String { text.count > 100 ? String(text.prefix(100)) + "…" : text }

    /// A short, safe description of a decoding error (the field path and what was wrong).
    package static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "not JSON" }
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
            return keys.isEmpty ? "the document" : keys.joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, let context): return "\(path(context)) lacks \"\(key.stringValue)\""
        case .typeMismatch(_, let context): return "\(path(context)) has the wrong type"
        case .valueNotFound(_, let context): return "\(path(context)) is null"
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty ? "not JSON" : "\(path(context)): \(excerpt(context.debugDescription))"
        @unknown default: return "not decodable"
        }
    }
}
