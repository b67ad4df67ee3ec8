import Foundation
package import GatehouseCore
import Glibc

/// Small blocking helpers on 127.0.0.1 sockets: a free port, and a one-shot HTTP status probe.
package enum LoopbackSocket {
    /// A port that was free a moment ago (bind port 0, read it, close).
    package static func freePort() throws(GatehouseError) -> Int {
        // Below the kernel's ephemeral range (32768 and up by default), where every `bind` to
        // port 0 lands: between this check and the engine's own bind, nothing that asks the
        // kernel for any free port can take it.
        for _ in 0..<64 {
            let port = Int.random(in: portRange)
            if isFree(port) { return port }
        }
        throw GatehouseError(.engineUnavailable, "cannot find a free port in \(portRange) on 127.0.0.1")
    }

    /// Where engine ports are picked.
    package static let portRange = 20_000...32_000

    private static func isFree(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = loopback(port: port)
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }

    /// The HTTP status of `GET path` on `127.0.0.1:port`, or `nil` when nothing answers in time.
    package static func httpStatus(port: Int, path: String, timeoutSeconds: Int = 2) -> Int? {
        httpGet(port: port, path: path, timeoutSeconds: timeoutSeconds)?.status
    }

    /// The status and body (at most 64 KiB) of an HTTP/1.0 GET on 127.0.0.1:`port`, nil when
    /// nothing answers HTTP.
    package static func httpGet(port: Int, path: String, timeoutSeconds: Int = 2) -> (status: Int, body: String)? {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = loopback(port: port)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
        guard connected else { return nil }
        let request = Array("GET \(path) HTTP/1.0\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n\r\n".utf8)
        guard send(fd, request, request.count, Int32(MSG_NOSIGNAL)) == request.count else { return nil }
        let limit = 64 * 1024
        var buffer = [UInt8](repeating: 0, count: limit)
        var received = 0
        while received < limit {
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress! + received, limit - received, 0) }
            guard count > 0 else { break }
            received += count
        }
        // "HTTP/1.1 200 OK\r\n…\r\n\r\nbody"
        let text = String(decoding: buffer[..<received], as: UTF8.self)
        let parts = text.prefix(64).split(separator: " ", maxSplits: 2)
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/"), let status = Int(parts[1]) else { return nil }
        let body = text.range(of: "\r\n\r\n").map { String(text[$0.upperBound...]) } ?? ""
        return (status, body)
    }

    private static func loopback(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = UInt32(0x7f00_0001).bigEndian
        return address
    }
}
