/// A local GGUF model the caller wants served.
package struct LocalModelRef: Sendable, Hashable {
    /// The model's name; engines are keyed by it and it is the served model alias.
    package var name: String
    /// The GGUF file.
    package var path: String
    /// The file's digest; a lease with a new digest replaces a running engine.
    package var digest: String
    /// Estimated resident bytes (weights plus KV cache), computed by the caller from GGUF metadata.
    package var estimatedBytes: UInt64
    /// Engine arguments for this model only, e.g. `--embedding true` for an embedding model.
    package var extraArguments: [String]

    /// Creates a reference.
    package init(name: String, path: String, digest: String, estimatedBytes: UInt64, extraArguments: [String] = []) {
        self.name = name
        self.path = path
        self.digest = digest
        self.estimatedBytes = estimatedBytes
        self.extraArguments = extraArguments
    }
}
