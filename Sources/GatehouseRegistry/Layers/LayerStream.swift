import CompressNIO
import Foundation
public import GatehouseCore
public import NIOCore

/// The uncompressed bytes of a cached layer file: gzip or plain tar (zstd is not supported: no
/// mirrored library), read in chunks of 256 KiB.
package enum LayerStream {
    /// Hands `body` the layer's bytes in order until it returns false or the file ends. With
    /// `expect`, the file's SHA-256 must be that digest (checked once the file is read whole;
    /// a file that does not match is refused, after `body` has seen its bytes — callers discard
    /// what they made of them). `onRead` hears how many compressed bytes each read took.
    package static func read(
        _ path: String, mediaType: String, expect: Digest? = nil, onRead: ((Int) -> Void)? = nil,
        _ body: (ByteBuffer) throws -> Bool
    ) throws {
        guard !mediaType.hasSuffix("zstd") else {
            throw GatehouseError(.ociManifestInvalid, "zstd-compressed layers are not supported yet")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw GatehouseError(.unavailable, "a cached layer cannot be read")
        }
        defer { try? handle.close() }
        var first = true
        var decompressor: ZlibDecompressor?
        var window = ByteBufferAllocator().buffer(capacity: 256 << 10)
        var going = true
        var hasher = expect.map { DigestHasher($0.algorithm) }
        while going, let data = try handle.read(upToCount: 256 << 10), !data.isEmpty {
            hasher?.update(data)
            onRead?(data.count)
            var chunk = ByteBuffer(bytes: data)
            if first {
                first = false
                if data.starts(with: [0x1f, 0x8b]) { decompressor = try ZlibDecompressor(algorithm: .gzip) }
            }
            guard let decompressor else {
                going = try body(chunk)
                continue
            }
            do {
                try chunk.decompressStream(with: decompressor, window: &window) { output in
                    if going { going = try body(output) }
                }
            } catch let error as GatehouseError {
                throw error
            } catch {
                throw GatehouseError(.ociManifestInvalid, "a layer is not valid gzip")
            }
            // The call handed over what it left in the window; it is not emptied for us.
            window.clear()
        }
        if let expect, var hasher {
            // Whatever `body` stopped at, the rest of the file counts too.
            while let data = try handle.read(upToCount: 1 << 20), !data.isEmpty { hasher.update(data) }
            guard hasher.finalize() == expect else {
                throw GatehouseError(.ociManifestInvalid, "the layer \(expect) does not match its digest")
            }
        }
    }
}
