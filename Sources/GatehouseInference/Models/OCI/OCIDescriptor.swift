/// An OCI content descriptor: what a manifest says about its config and each layer.
package struct OCIDescriptor: Codable, Hashable, Sendable {
    /// The blob's media type.
    package var mediaType: String
    /// The blob's validated digest.
    package var digest: OCIDigest
    /// The blob's size in bytes.
    package var size: Int64
    /// Free-form annotations (e.g. `org.cncf.model.filepath`).
    package var annotations: [String: String]?

    /// Creates a descriptor.
    package init(mediaType: String, digest: OCIDigest, size: Int64, annotations: [String: String]? = nil) {
        self.mediaType = mediaType
        self.digest = digest
        self.size = size
        self.annotations = annotations
    }
}

/// An OCI image manifest as written on the wire.
package struct OCIManifest: Codable, Hashable, Sendable {
    /// Always 2.
    package var schemaVersion: Int
    /// `application/vnd.oci.image.manifest.v1+json` (optional in the spec; DMR writes it).
    package var mediaType: String?
    /// Set by artifact packagers; DMR leaves it out.
    package var artifactType: String?
    /// The config blob.
    package var config: OCIDescriptor
    /// The layers, in order.
    package var layers: [OCIDescriptor]
    /// Manifest annotations.
    package var annotations: [String: String]?

    /// Creates a manifest.
    package init(mediaType: String?, config: OCIDescriptor, layers: [OCIDescriptor]) {
        self.schemaVersion = 2
        self.mediaType = mediaType
        self.config = config
        self.layers = layers
    }
}
