package import Foundation

/// One entry of the model store's index: a named GGUF blob and what its header says.
package struct StoredModel: Codable, Hashable, Sendable {
    /// The model's name, always with a tag.
    package var name: ModelName
    /// Digest of the GGUF blob.
    package var digest: OCIDigest
    /// Size of the GGUF blob in bytes.
    package var size: Int64
    /// `general.architecture`, e.g. `llama`.
    package var architecture: String?
    /// Number of weights (sum of tensor element counts).
    package var parameterCount: Int64
    /// llama.cpp's file type number (`general.file_type`), e.g. 3 for Q4_1.
    package var fileType: Int?
    /// Training context length from the header.
    package var contextLength: Int?
    /// Digest of the licence text blob, when one was stored.
    package var licenseDigest: OCIDigest?
    /// Where the model came from.
    package var source: ModelSource
    /// When the entry was made, in whole seconds (the index stores ISO 8601 without fractions).
    package var createdAt: Date

    /// Creates an entry.
    package init(
        name: ModelName, digest: OCIDigest, size: Int64, architecture: String?, parameterCount: Int64,
        fileType: Int?, contextLength: Int?, licenseDigest: OCIDigest?, source: ModelSource, createdAt: Date
    ) {
        self.name = name
        self.digest = digest
        self.size = size
        self.architecture = architecture
        self.parameterCount = parameterCount
        self.fileType = fileType
        self.contextLength = contextLength
        self.licenseDigest = licenseDigest
        self.source = source
        self.createdAt = Date(timeIntervalSince1970: createdAt.timeIntervalSince1970.rounded(.down))
    }

    /// The blobs this entry references: the GGUF and, when present, the licence.
    package var blobDigests: [OCIDigest] { [digest] + (licenseDigest.map { [$0] } ?? []) }

    /// The quantisation name for ``fileType`` (e.g. `Q4_1`), when known.
    package var quantization: String? { fileType.flatMap(GGMLFileType.name(of:)) }
}

/// Where a stored model came from.
package enum ModelSource: Hashable, Sendable {
    /// Imported from a local file.
    case file(path: String)
    /// Pulled from an OCI registry: the reference asked for and the manifest's digest.
    case registry(reference: String, manifestDigest: OCIDigest)
}

extension ModelSource: Codable {
    private enum Keys: String, CodingKey { case kind, path, reference, manifestDigest }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Keys.self)
        switch try container.decode(String.self, forKey: .kind) {
        case "file":
            self = .file(path: try container.decode(String.self, forKey: .path))
        case "registry":
            self = .registry(
                reference: try container.decode(String.self, forKey: .reference),
                manifestDigest: try container.decode(OCIDigest.self, forKey: .manifestDigest))
        case let other:
            throw DecodingError.dataCorruptedError(
                forKey: .kind, in: container, debugDescription: "unknown model source kind \"\(other)\"")
        }
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        switch self {
        case .file(let path):
            try container.encode("file", forKey: .kind)
            try container.encode(path, forKey: .path)
        case .registry(let reference, let manifestDigest):
            try container.encode("registry", forKey: .kind)
            try container.encode(reference, forKey: .reference)
            try container.encode(manifestDigest, forKey: .manifestDigest)
        }
    }
}
