import Foundation
import GatehouseCore
import GatehouseRegistry
import GatehouseScan
import Logging
import NIOPosix
import ServiceLifecycle
import Synchronization

/// The scans of images that pass through Gatehouse, by manifest digest (content cannot change,
/// so a digest is scanned once): kept in memory (bounded) and as JSON under `directory`, so a
/// restart does not scan again. Concurrent requests for one digest share one scan. Layers come
/// through the registry proxy's verified cache. As a service it scans pulled images in the
/// background, one at a time.
final class ImageScans: Service, Sendable {
    let proxy: RegistryProxy
    let directory: String
    let logger: Logger
    private let cache = Mutex<[Digest: ScanResult]>([:])
    private let running = Inflight<Digest, ScanResult>()
    /// Images queued for a background scan (never more than `maxWaiting`, so the stream's
    /// buffer never drops one), and the digests among them.
    private let backlog = AsyncStream<(Manifest, Repository)>.makeStream(bufferingPolicy: .unbounded)
    private let waiting = Mutex<Set<Digest>>([])
    static let maxCached = 512
    static let maxWaiting = 256

    init(proxy: RegistryProxy, directory: String, logger: Logger) throws {
        self.proxy = proxy
        self.directory = directory
        self.logger = logger
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    /// The scan of an image manifest, made now unless it was before. `progress` hears the
    /// download of each layer (stage `download`) and the reading (stage `scan`).
    func result(
        _ manifest: Manifest, in repository: Repository, name: String,
        progress: @escaping @Sendable (String, ScanProgress) -> Void = { _, _ in }
    ) async throws -> ScanResult {
        if let known = known(manifest.digest) { return known }
        return try await running.run(manifest.digest) { [self] in
            if let known = known(manifest.digest) { return known }
            let result = try await scan(manifest, in: repository, name: name, progress: progress)
            remember(result, digest: manifest.digest)
            return result
        }
    }

    /// A scan made before, from memory or disk.
    func known(_ digest: Digest) -> ScanResult? {
        if let cached = cache.withLock({ $0[digest] }) { return cached }
        guard let data = FileManager.default.contents(atPath: path(digest)),
            let result = try? JSONDecoder().decode(ScanResult.self, from: data)
        else { return nil }
        cache.withLock { $0[digest] = result }
        return result
    }

    /// The scan of `digest`, or `not_found` when it was never scanned.
    func scanned(_ digest: Digest) throws -> ScanResult {
        guard let result = known(digest) else {
            throw GatehouseError(.notFound, "\(digest) has not been scanned (images are scanned when pulled)")
        }
        return result
    }

    /// The digests of the images scanned so far, most recently scanned first (at most
    /// `limit`).
    func scanned(limit: Int) -> [Digest] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        let dated = names.compactMap { name -> (Digest, Date)? in
            guard name.hasSuffix(".json"), let digest = try? Digest(parsing: "sha256:" + name.dropLast(5)) else {
                return nil
            }
            let modified = (try? FileManager.default.attributesOfItem(atPath: directory + "/" + name))?[
                .modificationDate]
            return (digest, modified as? Date ?? .distantPast)
        }
        return dated.sorted { $0.1 > $1.1 }.prefix(limit).map(\.0)
    }

    private func path(_ digest: Digest) -> String { "\(directory)/\(digest.hex).json" }

    private func remember(_ result: ScanResult, digest: Digest) {
        cache.withLock { cache in
            if cache.count >= Self.maxCached { cache.removeAll() }
            cache[digest] = result
        }
        if let data = try? JSONEncoder().encode(result) {
            try? data.write(to: URL(fileURLWithPath: path(digest)), options: .atomic)
        }
    }

    private func scan(
        _ manifest: Manifest, in repository: Repository, name: String,
        progress: @escaping @Sendable (String, ScanProgress) -> Void
    ) async throws -> ScanResult {
        let (_, layers) = try RegistryProxy.parts(of: manifest)
        let total = layers.reduce(0) { $0 + $1.size }
        var fetched: Int64 = 0
        var files: [ScanInput.Layer] = []
        for (index, layer) in layers.enumerated() {
            progress(
                "download", ScanProgress(layer: index, layers: layers.count, bytesRead: fetched, bytesTotal: total))
            let path = try await proxy.blob(repository, layer.digest)
            fetched += layer.size
            files.append(
                ScanInput.Layer(
                    digest: layer.digest.description, mediaType: layer.mediaType, path: path, size: layer.size,
                    verify: false))
        }
        let config = try await proxy.imageConfig(of: manifest, in: repository)
        let input = ScanInput(name: name, digest: manifest.digest.description, config: config, layers: files)
        return try await NIOThreadPool.singleton.runIfActive {
            try ImageScanner().scan(input) { progress("scan", $0) }
        }
    }

    /// Scans `manifest` in the background (by ``run()``, one image at a time) unless it is
    /// known, already waiting, or ``maxWaiting`` images wait (a later pull queues it again).
    func enqueue(_ manifest: Manifest, in repository: Repository) {
        // Memory only: the pull path reads no file; the background scan checks the disk.
        guard !manifest.isIndex, cache.withLock({ $0[manifest.digest] }) == nil else { return }
        let accepted = waiting.withLock { waiting in
            guard waiting.count < Self.maxWaiting else { return false }
            return waiting.insert(manifest.digest).inserted
        }
        if accepted { backlog.continuation.yield((manifest, repository)) }
    }

    /// Scans what ``enqueue(_:in:)`` queued, until graceful shutdown (a scan under way finishes).
    func run() async throws {
        try await cancelWhenGracefulShutdown {
            for await (manifest, repository) in self.backlog.stream {
                do {
                    _ = try await self.result(manifest, in: repository, name: "\(repository)@\(manifest.digest)")
                } catch {
                    self.logger.warning(
                        "a background image scan failed",
                        metadata: ["image": "\(repository)@\(manifest.digest)", "error": "\(error)"])
                }
                _ = self.waiting.withLock { $0.remove(manifest.digest) }
            }
        }
    }
}
