package import Foundation
package import GatehouseCore

/// What the listing endpoints say about one model, gathered by the caller (from the GGUF
/// header and the registry) and rendered here for Ollama and OpenAI clients.
package struct ModelSummary: Sendable, Hashable {
    /// The name clients use, e.g. `smollm2:135m`.
    package var name: String
    /// The content digest, `sha256:<hex>`.
    package var digest: String
    /// The model file's size.
    package var sizeBytes: Int64
    /// When the model was added or changed.
    package var modifiedAt: Date
    /// The architecture (`general.architecture`), e.g. `llama`.
    package var family: String
    /// The number of parameters.
    package var parameterCount: Int64
    /// The quantization name, e.g. `Q4_1` (see ``GGMLFileType/quantization(_:)``).
    package var quantization: String
    /// The context length the model was trained with, when known.
    package var contextLength: Int?
    /// The license text, when known.
    package var license: String?
    /// What the model can do, in Ollama's words.
    package var capabilities: [String]

    /// Creates a summary.
    package init(
        name: String, digest: String, sizeBytes: Int64, modifiedAt: Date, family: String, parameterCount: Int64,
        quantization: String, contextLength: Int? = nil, license: String? = nil,
        capabilities: [String] = ["completion", "tools"]
    ) {
        self.name = name
        self.digest = digest
        self.sizeBytes = sizeBytes
        self.modifiedAt = modifiedAt
        self.family = family
        self.parameterCount = parameterCount
        self.quantization = quantization
        self.contextLength = contextLength
        self.license = license
        self.capabilities = capabilities
    }

    /// The parameter count as Ollama shows it, e.g. "135M".
    package var parameterSize: String { GGMLFileType.parameterSize(parameterCount) }

    /// The digest's hex, without `sha256:` (Ollama lists bare hex).
    package var digestHex: String {
        digest.hasPrefix("sha256:") ? String(digest.dropFirst("sha256:".count)) : digest
    }

    /// Ollama's `details` object.
    package var ollamaDetails: JSONValue {
        [
            "parent_model": "", "format": "gguf", "family": .string(family), "families": [.string(family)],
            "parameter_size": .string(parameterSize), "quantization_level": .string(quantization),
        ]
    }
}
