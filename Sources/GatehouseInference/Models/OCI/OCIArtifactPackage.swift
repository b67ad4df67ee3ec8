package import Foundation

/// Something ``OCIPusher`` can push: the blobs a manifest references and the manifest's bytes.
/// A model (``DMRPackage``) and an agent file are both packaged this way.
package protocol OCIArtifactPackage: Sendable {
    /// The blobs to upload before the manifest, in upload order.
    var blobs: [OCIBlob] { get }
    /// The manifest's bytes, exactly as pushed.
    var manifestData: Data { get }
    /// The manifest's media type, sent as its `Content-Type`.
    var manifestMediaType: String { get }
}

/// One blob of an ``OCIArtifactPackage``: its descriptor and where its bytes come from.
package struct OCIBlob: Sendable, Hashable {
    /// Where a blob's bytes are.
    package enum Source: Sendable, Hashable {
        /// A local file, streamed from disk.
        case file(String)
        /// Bytes in memory.
        case bytes(Data)
    }

    /// The blob's descriptor as the manifest gives it.
    package var descriptor: OCIDescriptor
    /// Its bytes.
    package var source: Source

    /// Creates a blob.
    package init(descriptor: OCIDescriptor, source: Source) {
        self.descriptor = descriptor
        self.source = source
    }
}

extension DMRPackage: OCIArtifactPackage {
    /// The layers' files, then the config.
    package var blobs: [OCIBlob] {
        layers.map { OCIBlob(descriptor: $0.descriptor, source: .file($0.path)) }
            + [OCIBlob(descriptor: configDescriptor, source: .bytes(configData))]
    }

    /// ``DMRMediaType/manifest``.
    package var manifestMediaType: String { DMRMediaType.manifest }
}
