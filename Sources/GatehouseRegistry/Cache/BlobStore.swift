public import Foundation
public import GatehouseCore
public import NIOCore

/// Content-addressed files on disk: `blobs/<algorithm>/<hex>`, for layers, configs and
/// manifests alike. A file only appears under its digest after its bytes were hashed and
/// matched, written to a temporary file first and renamed, so a reader never sees a partial or
/// wrong blob, also after a crash or an upstream that stops mid-blob. The total size is bounded:
/// past the bound, the least recently used blobs go (use is the file's modification time,
/// touched on each read).
public actor BlobStore {
    /// The directory.
    public nonisolated let root: String
    /// The bound, in bytes.
    public nonisolated let maxBytes: Int64
    private var totalBytes: Int64 = 0

    /// Opens (creating) the store under `root`, counting what is already there and removing
    /// temporary files a crash left.
    public init(root: String, maxBytes: Int64) throws(GatehouseError) {
        self.root = root
        self.maxBytes = maxBytes
        let fileManager = FileManager.default
        do {
            for directory in ["blobs/sha256", "blobs/sha512", "tmp"] {
                try fileManager.createDirectory(
                    atPath: root + "/" + directory, withIntermediateDirectories: true,
                    attributes: [.posixPermissions: 0o700])
            }
            for name in try fileManager.contentsOfDirectory(atPath: root + "/tmp") {
                try? fileManager.removeItem(atPath: root + "/tmp/" + name)
            }
        } catch {
            throw GatehouseError(.unavailable, "cannot open the registry cache at \(root): \(error)")
        }
        totalBytes = Self.entries(root).reduce(0) { $0 + $1.size }
    }

    /// The file of `digest`, when cached; its use time is refreshed.
    public func path(of digest: Digest) -> String? {
        let path = Self.path(root, digest)
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        utimes(path, nil)
        return path
    }

    /// Writes a blob from `chunks`: hashed while written, kept only when it matches `digest`
    /// (and `size`, when known).
    public func put<Chunks: AsyncSequence & Sendable>(
        _ digest: Digest, size: Int64?, from chunks: Chunks
    ) async throws -> String where Chunks.Element == ByteBuffer {
        let temporary = root + "/tmp/" + UUID().uuidString
        guard FileManager.default.createFile(atPath: temporary, contents: nil, attributes: [.posixPermissions: 0o600]),
            let handle = FileHandle(forWritingAtPath: temporary)
        else { throw GatehouseError(.unavailable, "cannot write to the registry cache") }
        var hasher = DigestHasher(digest.algorithm)
        do {
            defer { try? handle.close() }
            for try await chunk in chunks {
                chunk.withUnsafeReadableBytes { hasher.update($0) }
                if let size, hasher.count > size {
                    throw GatehouseError(
                        .ociDigestInvalid, "the upstream sent more than the \(size) bytes of \(digest)")
                }
                try Self.write(chunk, to: handle.fileDescriptor)
            }
            try handle.synchronize()
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            if let error = error as? GatehouseError { throw error }
            throw GatehouseError(
                .ociUpstreamFailed, "the blob \(digest) was cut off: \(UpstreamClient.describe(error))")
        }
        guard hasher.finalize() == digest, size.map({ $0 == hasher.count }) ?? true else {
            try? FileManager.default.removeItem(atPath: temporary)
            throw GatehouseError(.ociDigestInvalid, "the upstream's content does not match \(digest); nothing was kept")
        }
        let final = Self.path(root, digest)
        guard rename(temporary, final) == 0 else {
            try? FileManager.default.removeItem(atPath: temporary)
            throw GatehouseError(.unavailable, "cannot store \(digest) in the registry cache")
        }
        totalBytes += hasher.count
        evict(keeping: final)
        return final
    }

    /// Stores bytes already in memory (a manifest), verified the same way.
    public func put(_ digest: Digest, bytes: Data) async throws -> String {
        try await put(digest, size: Int64(bytes.count), from: SingleChunk(bytes: ByteBuffer(bytes: bytes)))
    }

    /// Writes all of `chunk`, retrying short writes.
    private static func write(_ chunk: ByteBuffer, to descriptor: Int32) throws {
        try chunk.withUnsafeReadableBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = Foundation.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw GatehouseError(.unavailable, "cannot write to the registry cache (errno \(errno))")
                }
                offset += written
            }
        }
    }

    /// Bytes in the store.
    public var size: Int64 { totalBytes }

    /// Removes least recently used blobs until the total is within the bound.
    private func evict(keeping kept: String) {
        guard totalBytes > maxBytes else { return }
        for entry in Self.entries(root).sorted(by: { $0.used < $1.used }) where entry.path != kept {
            guard totalBytes > maxBytes else { break }
            if unlink(entry.path) == 0 { totalBytes -= entry.size }
        }
    }

    private static func path(_ root: String, _ digest: Digest) -> String {
        "\(root)/blobs/\(digest.algorithm.rawValue)/\(digest.hex)"
    }

    private static func entries(_ root: String) -> [(path: String, size: Int64, used: Int64)] {
        var out: [(String, Int64, Int64)] = []
        for algorithm in ["sha256", "sha512"] {
            let directory = root + "/blobs/" + algorithm
            for name in (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [] {
                var info = stat()
                let path = directory + "/" + name
                guard stat(path, &info) == 0 else { continue }
                out.append(
                    (
                        path, Int64(info.st_size),
                        Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
                    ))
            }
        }
        return out
    }
}

/// One chunk as an async sequence.
struct SingleChunk: AsyncSequence, Sendable {
    typealias Element = ByteBuffer
    let bytes: ByteBuffer

    struct AsyncIterator: AsyncIteratorProtocol {
        var bytes: ByteBuffer?
        mutating func next() async -> ByteBuffer? {
            defer { bytes = nil }
            return bytes
        }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(bytes: bytes) }
}
