import NIOCore
import NIOPosix

#if canImport(Glibc)
    import Glibc
#endif

/// The bytes of a file as an async sequence of 1 MiB buffers, read on NIO's thread pool, so a
/// large blob is streamed to the network without being held in memory.
struct FileChunks: AsyncSequence, Sendable {
    typealias Element = ByteBuffer

    /// The file to read.
    let path: String

    func makeAsyncIterator() -> Iterator { Iterator(file: OpenFile(path: path)) }

    struct Iterator: AsyncIteratorProtocol {
        let file: OpenFile

        mutating func next() async throws -> ByteBuffer? {
            let file = self.file
            return try await NIOThreadPool.singleton.runIfActive { try file.readChunk() }
        }
    }

    /// An open descriptor, closed when the iterator goes away.
    final class OpenFile: @unchecked Sendable {  // used by one iterator, one read at a time
        let path: String
        private var descriptor: Int32 = -1
        private var finished = false

        init(path: String) { self.path = path }

        func readChunk() throws -> ByteBuffer? {
            if finished { return nil }
            if descriptor < 0 { descriptor = try FileIO.open(path, O_RDONLY, what: "read") }
            var buffer = ByteBufferAllocator().buffer(capacity: FileIO.chunkSize)
            let count = try buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: FileIO.chunkSize) { pointer in
                while true {
                    let count = Glibc.read(descriptor, pointer.baseAddress, pointer.count)
                    if count >= 0 { return count }
                    if errno != EINTR { throw FileIO.failure("cannot read", path) }
                }
            }
            if count == 0 {
                finished = true
                return nil
            }
            return buffer
        }

        deinit { if descriptor >= 0 { _ = close(descriptor) } }
    }
}
