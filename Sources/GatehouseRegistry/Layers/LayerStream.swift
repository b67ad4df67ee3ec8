import CompressNIO
import Foundation
import GatehouseCore
import NIOCore

/// The uncompressed bytes of a cached layer file: gzip or plain tar (zstd is not supported: no
/// mirrored library), read in chunks of 256 KiB.
enum LayerStream {
    /// Hands `body` the layer's bytes in order until it returns false or the file ends.
    static func read(_ path: String, mediaType: String, _ body: (ByteBuffer) throws -> Bool) throws {
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
        while going, let data = try handle.read(upToCount: 256 << 10), !data.isEmpty {
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
    }
}
