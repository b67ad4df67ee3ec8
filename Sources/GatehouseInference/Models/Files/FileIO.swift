import Crypto
package import Foundation
package import GatehouseCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Small POSIX file helpers: streamed hashing and copying, bounded reads, durable writes.
///
/// Every failure becomes a `GatehouseError` naming the file and the `errno` text.
package enum FileIO {
    /// Bytes read per chunk when streaming.
    package static let chunkSize = 1 << 20

    /// The SHA-256 digest and size of the file at `path`, read in chunks.
    package static func digest(path: String) throws(GatehouseError) -> (digest: OCIDigest, size: Int64) {
        let input = try open(path, O_RDONLY, what: "read")
        defer { _ = close(input) }
        var hasher = SHA256()
        var size: Int64 = 0
        var buffer = [UInt8](repeating: 0, count: chunkSize)
        while true {
            let count = try readChunk(input, into: &buffer, path: path)
            if count == 0 { break }
            buffer.withUnsafeBytes { hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
            size += Int64(count)
        }
        return (OCIDigest(hasher.finalize()), size)
    }

    /// Copies `source` to a new file `destination` (which must not exist) while hashing it, then
    /// fsyncs the copy. On failure the partial copy is removed.
    package static func copyHashing(
        from source: String, to destination: String
    ) throws(GatehouseError) -> (digest: OCIDigest, size: Int64) {
        let input = try open(source, O_RDONLY, what: "read")
        defer { _ = close(input) }
        let output = try open(destination, O_WRONLY | O_CREAT | O_EXCL, mode: 0o644, what: "create")
        var finished = false
        defer {
            _ = close(output)
            if !finished { unlink(destination) }
        }
        var hasher = SHA256()
        var size: Int64 = 0
        var buffer = [UInt8](repeating: 0, count: chunkSize)
        while true {
            let count = try readChunk(input, into: &buffer, path: source)
            if count == 0 { break }
            buffer.withUnsafeBytes { hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
            try writeAll(output, buffer, count: count, path: destination)
            size += Int64(count)
        }
        guard fsync(output) == 0 else { throw failure("fsync", destination) }
        finished = true
        return (OCIDigest(hasher.finalize()), size)
    }

    /// The whole file at `path`, refusing one larger than `limit` bytes.
    package static func read(path: String, limit: Int, what: String) throws(GatehouseError) -> Data {
        let input = try open(path, O_RDONLY, what: "read")
        defer { _ = close(input) }
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: min(chunkSize, limit + 1))
        while true {
            let count = try readChunk(input, into: &buffer, path: path)
            if count == 0 { break }
            data.append(contentsOf: buffer[0..<count])
            if data.count > limit {
                throw GatehouseError(.payloadTooLarge, "\(what) \(path) is larger than \(limit) bytes")
            }
        }
        return data
    }

    /// Creates `path` and its parents (mode 0755) when missing.
    package static func makeDirectory(_ path: String) throws(GatehouseError) {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw GatehouseError(
                .storeUnavailable, "cannot create the directory \(path): \(error.localizedDescription)")
        }
    }

    /// Whether a regular file exists at `path`, and its size.
    package static func fileSize(_ path: String) -> Int64? {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        return Int64(info.st_size)
    }

    static func open(
        _ path: String, _ flags: Int32, mode: mode_t = 0, what: String
    ) throws(GatehouseError) -> Int32 {
        let descriptor = Glibc.open(path, flags | O_CLOEXEC, mode)
        guard descriptor >= 0 else { throw failure("cannot \(what)", path) }
        return descriptor
    }

    private static func readChunk(_ descriptor: Int32, into buffer: inout [UInt8], path: String) throws(GatehouseError)
        -> Int
    {
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count >= 0 { return count }
            if errno != EINTR { throw failure("cannot read", path) }
        }
    }

    static func writeAll(_ descriptor: Int32, _ bytes: [UInt8], count: Int, path: String)
        throws(GatehouseError)
    {
        var written = 0
        while written < count {
            let result = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress! + written, count - written) }
            if result < 0 {
                if errno == EINTR { continue }
                throw failure("cannot write", path)
            }
            written += result
        }
    }

    static func failure(_ action: String, _ path: String) -> GatehouseError {
        let code: GatehouseError.Code = errno == ENOENT ? .notFound : .storeUnavailable
        return GatehouseError(code, "\(action) \(path): \(String(cString: strerror(errno)))")
    }
}
