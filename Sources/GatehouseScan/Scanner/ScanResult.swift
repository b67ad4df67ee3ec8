public import GatehouseRegistry

/// What a scan found in an image.
public struct ScanResult: Sendable, Hashable, Codable {
    /// The image as its user named it.
    public var name: String
    /// The image manifest's digest.
    public var digest: String
    /// The distribution, from its os-release file.
    public var distro: Distro?
    /// The packages, sorted by kind, name and version.
    public var packages: [Package]
    /// The config's run fields (the user, for policies).
    public var config: ImageConfig
    /// The layer digests, bottom first.
    public var layers: [String]
    /// Files a cataloger could not read, with why (the rest of the image was still read).
    public var notes: [String]

    /// Creates a result.
    public init(
        name: String, digest: String, distro: Distro?, packages: [Package], config: ImageConfig, layers: [String],
        notes: [String]
    ) {
        self.name = name
        self.digest = digest
        self.distro = distro
        self.packages = packages
        self.config = config
        self.layers = layers
        self.notes = notes
    }
}
