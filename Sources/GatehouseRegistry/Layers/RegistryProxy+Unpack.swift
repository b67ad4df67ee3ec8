import Foundation
package import GatehouseCore
import NIOCore
import NIOPosix

extension RegistryProxy {
    /// The parts of an image manifest: its config's digest and its layers in order.
    package static func parts(of manifest: Manifest) throws(GatehouseError) -> (
        config: Digest, layers: [Manifest.Descriptor]
    ) {
        guard !manifest.isIndex else {
            throw GatehouseError(
                .ociManifestInvalid, "an index has no filesystem of its own; ask for a platform's manifest")
        }
        let object = try? JSONSerialization.jsonObject(with: manifest.bytes) as? [String: Any]
        guard let configText = (object?["config"] as? [String: Any])?["digest"] as? String else {
            throw GatehouseError(.ociManifestInvalid, "the manifest has no config")
        }
        var layers: [Manifest.Descriptor] = []
        for layer in (object?["layers"] as? [[String: Any]]) ?? [] {
            guard let text = layer["digest"] as? String else {
                throw GatehouseError(.ociManifestInvalid, "a layer has no digest")
            }
            layers.append(
                Manifest.Descriptor(
                    mediaType: layer["mediaType"] as? String ?? "", digest: try Digest(parsing: text),
                    size: (layer["size"] as? Int).map(Int64.init) ?? 0))
        }
        return (try Digest(parsing: configText), layers)
    }

    /// The config of an image manifest, read through the verified cache.
    public func imageConfig(of manifest: Manifest, in repository: Repository) async throws -> ImageConfig {
        let (config, _) = try Self.parts(of: manifest)
        guard let bytes = try await smallBlob(repository, config, maxBytes: ImageConfig.maxBytes) else {
            throw GatehouseError(.ociManifestInvalid, "the image config is not a JSON object of at most 1 MiB")
        }
        return try ImageConfig(json: bytes)
    }

    /// A blob of at most `maxBytes` read whole through the verified cache; nil when it is larger
    /// or its size cannot be told.
    func smallBlob(_ repository: Repository, _ digest: Digest, maxBytes: Int) async throws -> Data? {
        let path = try await blob(repository, digest)
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        guard let size = (attributes?[.size] as? NSNumber)?.intValue, size <= maxBytes else { return nil }
        return FileManager.default.contents(atPath: path)
    }

    /// The manifest an index lists for this host: Linux on this machine's architecture.
    public func platformManifest(of index: Manifest, in repository: Repository) async throws -> Manifest {
        guard index.isIndex else { return index }
        let object = try? JSONSerialization.jsonObject(with: index.bytes) as? [String: Any]
        let candidates = (object?["manifests"] as? [[String: Any]]) ?? []
        let chosen = candidates.first { entry in
            let platform = entry["platform"] as? [String: Any]
            return platform?["os"] as? String == "linux" && platform?["architecture"] as? String == Self.architecture
        }
        guard let text = chosen?["digest"] as? String else {
            throw GatehouseError(
                .ociManifestInvalid, "\(repository)@\(index.digest) has no image for linux/\(Self.architecture)")
        }
        let manifest = try await self.manifest(
            repository, .digest(try Digest(parsing: text)), accept: MediaTypes.manifests)
        guard !manifest.isIndex else {
            throw GatehouseError(.ociManifestInvalid, "\(repository)@\(index.digest) nests an index in an index")
        }
        return manifest
    }

    /// This machine's architecture as OCI platforms name it.
    package static var architecture: String {
        #if arch(x86_64)
            "amd64"
        #elseif arch(arm64)
            "arm64"
        #else
            "unknown"
        #endif
    }

    /// Unpacks an image manifest's layers, each read through the verified cache, into
    /// `directory`, which must not exist yet: the layers go into a temporary sibling first, renamed
    /// into place once all are applied, so `directory` is either complete or absent. The whole
    /// image is held to `limits` (its total bytes included), and `directories` are made where
    /// the layers left them out (see ``makeDirectories(_:inRoot:)``). Runs on NIO's thread pool.
    public func unpack(
        _ manifest: Manifest, in repository: Repository, into directory: String, directories: [String] = [],
        limits: TarLimits = TarLimits()
    ) async throws {
        let (_, layers) = try Self.parts(of: manifest)
        var files: [(path: String, mediaType: String)] = []
        for layer in layers { files.append((try await blob(repository, layer.digest), layer.mediaType)) }
        let staging = directory + ".partial-" + UUID().uuidString.prefix(8)
        try await NIOThreadPool.singleton.runIfActive { [files] in
            guard mkdir(staging, 0o755) == 0 else {
                throw GatehouseError(.internal, "cannot create \(staging): " + String(cString: strerror(errno)))
            }
            do {
                try Self.unpack(files, into: staging, limits: limits)
                try Self.makeDirectories(directories, inRoot: staging)
                guard rename(staging, directory) == 0 else {
                    throw GatehouseError(
                        .internal, "cannot move the unpacked image into place: " + String(cString: strerror(errno)))
                }
            } catch {
                try? FileManager.default.removeItem(atPath: staging)
                throw error
            }
        }
    }

    /// Creates the directories `paths` (absolute as the image sees them) in the unpacked root
    /// `root` where they are missing, resolving each inside the root as the unpacker does: the
    /// mount points a sandbox needs in a read-only root.
    public static func makeDirectories(_ paths: [String], inRoot root: String) throws {
        let unpacker = try LayerUnpacker(directory: root)
        for path in paths {
            close(try unpacker.resolveDirectory(String(path.drop { $0 == "/" })))
        }
    }

    static func unpack(_ files: [(path: String, mediaType: String)], into directory: String, limits: TarLimits) throws {
        let unpacker = try LayerUnpacker(directory: directory)
        var total: Int64 = 0
        for (path, mediaType) in files {
            unpacker.beginLayer()
            var reader = TarReader(limits: limits)
            try LayerStream.read(path, mediaType: mediaType) { chunk in
                try reader.read(chunk, content: true) { event in
                    if case .entry(let entry) = event {
                        total += entry.size
                        guard total <= limits.maxTotalBytes else {
                            throw GatehouseError(
                                .ociManifestInvalid,
                                "unsafe image: it unpacks to more than \(limits.maxTotalBytes) bytes")
                        }
                    }
                    try unpacker.apply(event)
                }
                return !reader.finished
            }
            try reader.finish()
            try unpacker.endLayer()
        }
    }
}
