public import Foundation
public import GatehouseCore

/// A manifest or index as fetched: its bytes, media type and digest. Parsing is strict and
/// bounded; schema 1 and anything that is not a JSON object with schema version 2 are refused.
public struct Manifest: Sendable, Hashable {
    /// The exact bytes (the digest is over these).
    public let bytes: Data
    /// The media type.
    public let mediaType: String
    /// The digest of `bytes`.
    public let digest: Digest
    /// The descriptors it references: layers and config, or the manifests of an index.
    public let references: [Descriptor]

    /// A content descriptor.
    public struct Descriptor: Sendable, Hashable {
        public let mediaType: String
        public let digest: Digest
        public let size: Int64
    }

    /// Parses `bytes`; `declaredType` is the upstream's `Content-Type`, used when the manifest
    /// does not name its own type.
    public init(bytes: Data, declaredType: String?) throws(GatehouseError) {
        guard bytes.count <= UpstreamClient.maxManifestBytes else {
            throw GatehouseError(.ociManifestInvalid, "the manifest is larger than 4 MiB")
        }
        guard let object = try? JSONSerialization.jsonObject(with: bytes) as? [String: Any] else {
            throw GatehouseError(.ociManifestInvalid, "the manifest is not a JSON object")
        }
        guard object["schemaVersion"] as? Int == 2 else {
            throw GatehouseError(
                .ociManifestInvalid, "only schema version 2 manifests are served (schema 1 is deprecated and unsigned)")
        }
        let named = object["mediaType"] as? String
        let declared = declaredType.map {
            String($0.split(separator: ";").first ?? "").trimmingCharacters(in: .whitespaces)
        }
        let inferred = object["manifests"] != nil ? MediaTypes.ociIndex : MediaTypes.ociManifest
        let type = named ?? declared.flatMap { MediaTypes.isManifest($0) ? $0 : nil } ?? inferred
        guard MediaTypes.isManifest(type) else {
            throw GatehouseError(.ociManifestInvalid, "unsupported manifest media type \(type.prefix(100))")
        }
        if let named, let declared, MediaTypes.isManifest(declared), named != declared {
            throw GatehouseError(.ociManifestInvalid, "the manifest says \(named) but was served as \(declared)")
        }
        var references: [Descriptor] = []
        let lists =
            (object["manifests"] as? [Any] ?? []) + (object["layers"] as? [Any] ?? [])
            + (object["config"].map { [$0] } ?? [])
        for item in lists {
            guard let fields = item as? [String: Any], let digestText = fields["digest"] as? String,
                let size = fields["size"] as? Int64 ?? (fields["size"] as? Int).map(Int64.init), size >= 0
            else { throw GatehouseError(.ociManifestInvalid, "a descriptor lacks a digest or size") }
            references.append(
                Descriptor(
                    mediaType: fields["mediaType"] as? String ?? "", digest: try Digest(parsing: digestText), size: size
                ))
        }
        self.bytes = bytes
        self.mediaType = type
        self.digest = Digest.sha256(of: bytes)
        self.references = references
    }

    /// Whether this is an index (a list of manifests).
    public var isIndex: Bool { mediaType == MediaTypes.ociIndex || mediaType == MediaTypes.dockerManifestList }
}
