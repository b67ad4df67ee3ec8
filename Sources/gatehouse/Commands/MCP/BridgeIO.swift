import Dispatch
import Foundation

/// Standard output as whole lines: every line is written by this one actor, in one piece, so
/// messages from concurrent requests and the server's stream never interleave.
actor StandardOutputLines {
    private var closed = false

    /// Writes `line` and a newline; once the reader has gone (EPIPE), writes nothing more.
    func write(_ line: [UInt8]) {
        guard !closed else { return }
        let bytes = line + [0x0A]
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer in
                Foundation.write(STDOUT_FILENO, buffer.baseAddress! + offset, buffer.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                closed = true
                return
            }
            offset += written
        }
    }

    /// Writes `text` and a newline.
    func write(_ text: String) { write(Array(text.utf8)) }
}

/// What reaches the bridge from outside.
enum BridgeInput {
    /// Standard input's lines, without their line endings, read on a thread of their own; blank
    /// ones are skipped, and one longer than `maxLine` bytes is dropped with a note on standard
    /// error. The stream finishes when standard input ends.
    static func lines(maxLine: Int = 64 << 20) -> AsyncStream<[UInt8]> {
        let (stream, continuation) = AsyncStream.makeStream(of: [UInt8].self)
        Thread.detachNewThread {
            var pending: [UInt8] = []
            var dropping = false
            var buffer = [UInt8](repeating: 0, count: 1 << 16)
            while true {
                let count = buffer.withUnsafeMutableBytes { read(STDIN_FILENO, $0.baseAddress, $0.count) }
                if count < 0, errno == EINTR { continue }
                if count <= 0 { break }
                var start = 0
                for index in 0..<count where buffer[index] == 0x0A {
                    if !dropping {
                        pending.append(contentsOf: buffer[start..<index])
                        if pending.last == 0x0D { pending.removeLast() }
                        if pending.contains(where: { $0 != 0x20 && $0 != 0x09 }) { continuation.yield(pending) }
                    }
                    pending.removeAll(keepingCapacity: true)
                    dropping = false
                    start = index + 1
                }
                if !dropping { pending.append(contentsOf: buffer[start..<count]) }
                if pending.count > maxLine {
                    printError("gatehouse: dropped a message over \(maxLine) bytes")
                    pending.removeAll()
                    dropping = true
                }
            }
            if !dropping, pending.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }) {
                continuation.yield(pending)
            }
            continuation.finish()
        }
        return stream
    }

    /// SIGTERM, SIGINT and SIGHUP, which stop the bridge at once; the caller keeps the sources
    /// alive as long as it reads the stream.
    static func stops() -> (AsyncStream<Void>, sources: [any DispatchSourceSignal]) {
        let (stream, continuation) = AsyncStream.makeStream(of: Void.self)
        var sources: [any DispatchSourceSignal] = []
        for number in [SIGTERM, SIGINT, SIGHUP] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { continuation.yield() }
            source.resume()
            sources.append(source)
        }
        return (stream, sources)
    }
}
