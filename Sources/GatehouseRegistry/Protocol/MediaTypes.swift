/// The manifest media types the proxy serves, in the order of preference it asks upstreams for
/// when a client sends no `Accept` (clients' own lists are forwarded as they are).
public enum MediaTypes {
    public static let ociManifest = "application/vnd.oci.image.manifest.v1+json"
    public static let ociIndex = "application/vnd.oci.image.index.v1+json"
    public static let dockerManifest = "application/vnd.docker.distribution.manifest.v2+json"
    public static let dockerManifestList = "application/vnd.docker.distribution.manifest.list.v2+json"

    /// Every manifest type, for a default `Accept`.
    public static let manifests = [ociIndex, ociManifest, dockerManifestList, dockerManifest]

    /// Whether `type` is a manifest type Gatehouse can parse (others pass through unparsed only
    /// when fetched by digest).
    public static func isManifest(_ type: String) -> Bool { manifests.contains(type) }
}
