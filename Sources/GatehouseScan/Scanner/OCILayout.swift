import Foundation
public import GatehouseCore
import GatehouseRegistry

/// An image in an OCI image layout directory (`oci-layout`, `index.json`, `blobs/ALG/HEX`),
/// as umoci and skopeo write them. Written `DIR` or `DIR:TAG` (the manifest whose
/// `org.opencontainers.image.ref.name` is TAG). Everything in it is checked: the manifest and
/// config against their digests at once, the layers as the scanner reads them.
public enum OCILayout {
    /// Largest `index.json` or manifest read.
    static let maxDocument = 4 << 20

    /// Whether `path` (without a `:TAG`) is an OCI layout directory.
    public static func isLayout(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: split(path).directory + "/oci-layout")
    }

    /// The image in the layout `path` (`DIR` or `DIR:TAG`), for this host's platform when the
    /// layout holds an index.
    public static func input(_ path: String) throws(GatehouseError) -> ScanInput {
        let (directory, tag) = split(path)
        guard let layout = read(directory + "/oci-layout", limit: 4096),
            let object = try? JSONSerialization.jsonObject(with: layout) as? [String: Any],
            object["imageLayoutVersion"] is String
        else { throw GatehouseError(.scanInputInvalid, "\(directory) is not an OCI image layout (no oci-layout file)") }
        guard let indexBytes = read(directory + "/index.json", limit: maxDocument) else {
            throw GatehouseError(.scanInputInvalid, "\(directory)/index.json cannot be read")
        }
        let index = try Manifest(bytes: indexBytes, declaredType: nil)
        var descriptor = try choose(index, bytes: indexBytes, tag: tag, in: directory)
        var manifest = try load(descriptor, in: directory)
        if manifest.isIndex {
            descriptor = try choose(manifest, bytes: manifest.bytes, tag: nil, in: directory)
            manifest = try load(descriptor, in: directory)
        }
        let (configDigest, layers) = try RegistryProxy.parts(of: manifest)
        guard let configBytes = read(blobPath(configDigest, in: directory), limit: ImageConfig.maxBytes),
            Digest.sha256(of: configBytes) == configDigest
        else { throw GatehouseError(.scanInputInvalid, "the image config \(configDigest) is missing or corrupt") }
        let config = try ImageConfig(json: configBytes)
        return ScanInput(
            name: path, digest: manifest.digest.description, config: config,
            layers: layers.map { layer in
                ScanInput.Layer(
                    digest: layer.digest.description, mediaType: layer.mediaType,
                    path: blobPath(layer.digest, in: directory), size: layer.size, verify: true)
            })
    }

    static func split(_ path: String) -> (directory: String, tag: String?) {
        guard let colon = path.lastIndex(of: ":"), !path[colon...].contains("/") else { return (path, nil) }
        return (String(path[..<colon]), String(path[path.index(after: colon)...]))
    }

    static func blobPath(_ digest: Digest, in directory: String) -> String {
        "\(directory)/blobs/\(digest.algorithm.rawValue)/\(digest.hex)"
    }

    static func read(_ path: String, limit: Int) -> Data? {
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue
        guard let size, size <= limit else { return nil }
        return FileManager.default.contents(atPath: path)
    }

    /// A manifest from the layout, checked against its digest.
    static func load(_ digest: Digest, in directory: String) throws(GatehouseError) -> Manifest {
        guard let bytes = read(blobPath(digest, in: directory), limit: maxDocument),
            Digest.sha256(of: bytes) == digest
        else { throw GatehouseError(.scanInputInvalid, "the manifest \(digest) is missing or corrupt in \(directory)") }
        return try Manifest(bytes: bytes, declaredType: nil)
    }

    /// The manifest an index names for `tag`, or its only one, or the one for this host.
    static func choose(_ index: Manifest, bytes: Data, tag: String?, in directory: String) throws(GatehouseError)
        -> Digest
    {
        let object = try? JSONSerialization.jsonObject(with: bytes) as? [String: Any]
        let entries = (object?["manifests"] as? [[String: Any]]) ?? []
        func digest(_ entry: [String: Any]) -> Digest? {
            (entry["digest"] as? String).flatMap { try? Digest(parsing: $0) }
        }
        if let tag {
            let named = entries.first {
                ($0["annotations"] as? [String: Any])?["org.opencontainers.image.ref.name"] as? String == tag
            }
            guard let named, let found = digest(named) else {
                throw GatehouseError(.scanInputInvalid, "\(directory) has no image tagged \(tag)")
            }
            return found
        }
        if entries.count == 1, let only = digest(entries[0]) { return only }
        let host = entries.first {
            let platform = $0["platform"] as? [String: Any]
            return platform?["os"] as? String == "linux"
                && platform?["architecture"] as? String == RegistryProxy.architecture
        }
        guard let host, let found = digest(host) else {
            throw GatehouseError(
                .scanInputInvalid,
                "\(directory) holds \(entries.count) images; name one as DIR:TAG (none is for linux/\(RegistryProxy.architecture))"
            )
        }
        return found
    }
}
