import GatehouseCore
import NIOCore
import NIOPosix

extension RegistryProxy {
    /// The hardened-image facts of an image manifest: its config's user, and its final
    /// filesystem from every layer, each read through the verified cache by the safe tar reader
    /// (on NIO's thread pool, not the caller's). An index has no single filesystem: refused.
    public func hardeningFacts(of manifest: Manifest, in repository: Repository, limits: TarLimits = TarLimits())
        async throws -> HardeningFacts
    {
        let (_, layers) = try Self.parts(of: manifest)
        let user = try await imageConfig(of: manifest, in: repository).user
        var filesystem = ImageFilesystem()
        for layer in layers {
            let path = try await blob(repository, layer.digest)
            let entries = try await NIOThreadPool.singleton.runIfActive {
                try Self.readLayer(path, mediaType: layer.mediaType, limits: limits)
            }
            filesystem.apply(entries)
        }
        return HardeningFacts(filesystem: filesystem, user: user)
    }

    /// The entries of one layer file.
    static func readLayer(_ path: String, mediaType: String, limits: TarLimits) throws -> [TarEntry] {
        var reader = TarReader(limits: limits)
        var entries: [TarEntry] = []
        try LayerStream.read(path, mediaType: mediaType) { chunk in
            entries += try reader.feed(chunk)
            return !reader.finished
        }
        try reader.finish()
        return entries
    }
}
