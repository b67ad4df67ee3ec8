public import GatehouseRegistry

/// An image ready to scan: its manifest's digest, its config, and its layers as local files
/// (from the registry proxy's verified cache, or an OCI layout directory).
public struct ScanInput: Sendable {
    /// One layer blob.
    public struct Layer: Sendable, Hashable {
        /// `sha256:…`.
        public var digest: String
        /// The layer's media type (gzip or plain tar).
        public var mediaType: String
        /// The blob's local file.
        public var path: String
        /// The blob's size in bytes.
        public var size: Int64
        /// Whether the scanner must check the file's digest as it reads it (an OCI layout on
        /// disk; the registry cache has checked its blobs already).
        public var verify: Bool

        /// Creates a layer.
        public init(digest: String, mediaType: String, path: String, size: Int64, verify: Bool) {
            self.digest = digest
            self.mediaType = mediaType
            self.path = path
            self.size = size
            self.verify = verify
        }
    }

    /// The image as its user named it (a reference or a directory).
    public var name: String
    /// The image manifest's digest.
    public var digest: String
    /// The image config's run fields.
    public var config: ImageConfig
    /// The layers, bottom first.
    public var layers: [Layer]

    /// Creates an input.
    public init(name: String, digest: String, config: ImageConfig, layers: [Layer]) {
        self.name = name
        self.digest = digest
        self.config = config
        self.layers = layers
    }
}

/// How far a scan has come, for a progress display.
public struct ScanProgress: Sendable, Hashable, Codable {
    /// The layer being read (0-based) and how many there are.
    public var layer: Int
    public var layers: Int
    /// Compressed bytes read of all layers so far, and their total.
    public var bytesRead: Int64
    public var bytesTotal: Int64

    /// Creates a progress report.
    public init(layer: Int, layers: Int, bytesRead: Int64, bytesTotal: Int64) {
        self.layer = layer
        self.layers = layers
        self.bytesRead = bytesRead
        self.bytesTotal = bytesTotal
    }
}
