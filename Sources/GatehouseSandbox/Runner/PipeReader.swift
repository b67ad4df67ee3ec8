import Foundation

/// Reads a pipe on a thread of its own until end of file. (FileHandle's readability handler is
/// not used: clearing it while its dispatch source fires has crashed the process.)
enum PipeReader {
    /// Starts reading `handle`; `chunk` gets each read, `end` is called once at end of file.
    static func start(
        _ handle: FileHandle, chunk: @escaping @Sendable (Data) -> Void, end: @escaping @Sendable () -> Void
    ) {
        let descriptor = handle.fileDescriptor
        Thread.detachNewThread {
            var buffer = [UInt8](repeating: 0, count: 65_536)
            while true {
                let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
                if count > 0 {
                    chunk(Data(buffer[0..<count]))
                } else if count < 0, errno == EINTR {
                    continue
                } else {
                    break
                }
            }
            end()
        }
    }
}
