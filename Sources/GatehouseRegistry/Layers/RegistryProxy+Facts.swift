import CompressNIO
import Foundation
import GatehouseCore
import NIOCore
import NIOPosix

extension RegistryProxy {
    /// Largest image config read.
    static let maxConfigBytes = 1 << 20

    /// The hardened-image facts of an image manifest: its config's user, and its final
    /// filesystem from every layer, each read through the verified cache by the safe tar reader
    /// (on NIO's thread pool, not the caller's). An index has no single filesystem: refused.
    public func hardeningFacts(of manifest: Manifest, in repository: Repository, limits: TarLimits = TarLimits())
        async throws -> HardeningFacts
    {
        guard !manifest.isIndex else {
            throw GatehouseError(
                .ociManifestInvalid, "an index has no filesystem of its own; ask for a platform's manifest")
        }
        let object = try? JSONSerialization.jsonObject(with: manifest.bytes) as? [String: Any]
        guard let configText = (object?["config"] as? [String: Any])?["digest"] as? String else {
            throw GatehouseError(.ociManifestInvalid, "the manifest has no config")
        }
        let configPath = try await blob(repository, try Digest(parsing: configText))
        let attributes = try? FileManager.default.attributesOfItem(atPath: configPath)
        guard ((attributes?[.size] as? NSNumber)?.intValue ?? Int.max) <= Self.maxConfigBytes,
            let configBytes = FileManager.default.contents(atPath: configPath),
            let config = try? JSONSerialization.jsonObject(with: configBytes) as? [String: Any]
        else { throw GatehouseError(.ociManifestInvalid, "the image config is not a JSON object of at most 1 MiB") }
        let user = (config["config"] as? [String: Any])?["User"] as? String ?? ""
        var filesystem = ImageFilesystem()
        for layer in (object?["layers"] as? [[String: Any]]) ?? [] {
            guard let text = layer["digest"] as? String else {
                throw GatehouseError(.ociManifestInvalid, "a layer has no digest")
            }
            let path = try await blob(repository, try Digest(parsing: text))
            let mediaType = layer["mediaType"] as? String ?? ""
            let entries = try await NIOThreadPool.singleton.runIfActive {
                try Self.readLayer(path, mediaType: mediaType, limits: limits)
            }
            filesystem.apply(entries)
        }
        return HardeningFacts(filesystem: filesystem, user: user)
    }

    /// The entries of one layer file: gzip or plain tar (zstd is not supported: no mirrored
    /// library), read in chunks.
    static func readLayer(_ path: String, mediaType: String, limits: TarLimits) throws -> [TarEntry] {
        guard !mediaType.hasSuffix("zstd") else {
            throw GatehouseError(.ociManifestInvalid, "zstd-compressed layers are not supported yet")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw GatehouseError(.unavailable, "a cached layer cannot be read")
        }
        defer { try? handle.close() }
        var reader = TarReader(limits: limits)
        var entries: [TarEntry] = []
        var first = true
        var decompressor: ZlibDecompressor?
        var window = ByteBufferAllocator().buffer(capacity: 256 << 10)
        while let data = try handle.read(upToCount: 256 << 10), !data.isEmpty {
            var chunk = ByteBuffer(bytes: data)
            if first {
                first = false
                if data.starts(with: [0x1f, 0x8b]) {
                    let zlib = try ZlibDecompressor(algorithm: .gzip)
                    decompressor = zlib
                }
            }
            guard let decompressor else {
                entries += try reader.feed(chunk)
                continue
            }
            do {
                try chunk.decompressStream(with: decompressor, window: &window) { output in
                    entries += try reader.feed(output)
                }
            } catch let error as GatehouseError {
                throw error
            } catch {
                throw GatehouseError(.ociManifestInvalid, "a layer is not valid gzip")
            }
            // The call handed over what it left in the window; it is not emptied for us.
            window.clear()
            if reader.finished { break }
        }
        try reader.finish()
        return entries
    }
}
