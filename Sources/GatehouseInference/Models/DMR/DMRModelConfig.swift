package import Foundation
package import GatehouseCore

/// The config blob of a Docker Model Runner model (media type ``DMRMediaType/configV01``):
///
///     {"config": {"format": "gguf", "quantization": "Q4_1", "parameters": "134.52M",
///                 "architecture": "llama", "size": "86.8MiB", "context_size": 8192},
///      "descriptor": {"created": "2025-07-01T12:00:00Z"},
///      "rootfs": {"type": "rootfs", "diff_ids": ["sha256:…", …]}}
///
/// Every `config` field is optional (Go's `omitempty`); `diff_ids` lists the layers' digests in
/// layer order (layers are stored uncompressed, so digest and diff ID coincide).
package struct DMRModelConfig: Codable, Hashable, Sendable {
    /// What the model is.
    package var config: Details
    /// Provenance.
    package var descriptor: Descriptor
    /// The layers' uncompressed digests.
    package var rootfs: RootFS

    /// The `config` object.
    package struct Details: Codable, Hashable, Sendable {
        /// `gguf` (also `safetensors`, `dduf` in DMR).
        package var format: String?
        /// The quantisation name, e.g. `Q4_K_M`.
        package var quantization: String?
        /// The parameter count as a short string, e.g. `134.52M`.
        package var parameters: String?
        /// `general.architecture`.
        package var architecture: String?
        /// The model's size as a short string, e.g. `86.8MiB`.
        package var size: String?
        /// The maximum context length, when known.
        package var contextSize: Int32?
        /// GGUF header metadata rendered as strings (DMR fills it; optional).
        package var gguf: [String: String]?

        enum CodingKeys: String, CodingKey {
            case format, quantization, parameters, architecture, size, gguf
            case contextSize = "context_size"
        }

        /// Creates details.
        package init(
            format: String?, quantization: String?, parameters: String?, architecture: String?, size: String?,
            contextSize: Int32?, gguf: [String: String]? = nil
        ) {
            self.format = format
            self.quantization = quantization
            self.parameters = parameters
            self.architecture = architecture
            self.size = size
            self.contextSize = contextSize
            self.gguf = gguf
        }
    }

    /// The `descriptor` object.
    package struct Descriptor: Codable, Hashable, Sendable {
        /// RFC 3339 creation time (Go writes nanoseconds; kept as text).
        package var created: String?
        /// Creates a descriptor.
        package init(created: String?) { self.created = created }
    }

    /// The `rootfs` object.
    package struct RootFS: Codable, Hashable, Sendable {
        /// Always `rootfs`.
        package var type: String
        /// Layer digests in layer order.
        package var diffIDs: [OCIDigest]

        enum CodingKeys: String, CodingKey {
            case type
            case diffIDs = "diff_ids"
        }

        /// Creates a rootfs.
        package init(diffIDs: [OCIDigest]) {
            self.type = "rootfs"
            self.diffIDs = diffIDs
        }
    }

    /// Creates a config.
    package init(config: Details, descriptor: Descriptor, rootfs: RootFS) {
        self.config = config
        self.descriptor = descriptor
        self.rootfs = rootfs
    }
}

extension DMRModelConfig {
    /// The largest config blob accepted.
    package static let sizeLimit = 1 << 20

    /// Parses a config blob, refusing one above ``sizeLimit`` or of a format other than GGUF.
    /// - Throws: `.modelInvalid` naming the problem.
    package static func parse(_ data: Data) throws(GatehouseError) -> DMRModelConfig {
        guard data.count <= sizeLimit else {
            throw GatehouseError(.payloadTooLarge, "model config is \(data.count) bytes, above the 1 MiB limit")
        }
        let config: DMRModelConfig
        do {
            config = try JSONDecoder().decode(DMRModelConfig.self, from: data)
        } catch {
            throw GatehouseError(.modelInvalid, "model config is not valid: \(DMRManifest.describe(error))")
        }
        if let format = config.config.format, format != "gguf" {
            throw GatehouseError(.modelInvalid, "model config has format \"\(format)\"; only gguf is supported")
        }
        return config
    }

    /// The canonical bytes of this config (sorted keys, no escaped slashes).
    package func encoded() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try! encoder.encode(self)  // only strings, numbers and digests: cannot fail
    }
}
