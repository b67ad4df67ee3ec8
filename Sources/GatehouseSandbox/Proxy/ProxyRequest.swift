import Foundation

/// A proxy request head: `CONNECT host:port` or `METHOD http://host[:port]/path`.
struct ProxyRequest {
    let method: String
    let host: String
    let port: Int
    /// For plain HTTP: the path and the header lines, to forward in origin form.
    let path: String
    let headerLines: [Substring]
    let version: Substring
    /// The port the scheme implies (80, or 443 inside a TLS tunnel), left out of `Host`.
    var defaultPort = 80

    init?(head: String) {
        let lines = head.split(separator: "\r\n", omittingEmptySubsequences: true)
        let parts = lines.first?.split(separator: " ") ?? []
        guard parts.count == 3, parts[2].hasPrefix("HTTP/1.") else { return nil }
        method = String(parts[0]).uppercased()
        version = parts[2]
        headerLines = Array(lines.dropFirst())
        let target = parts[1]
        if method == "CONNECT" {
            guard let (host, port) = Self.hostPort(target, defaultPort: nil) else { return nil }
            (self.host, self.port, self.path) = (host, port, "")
            return
        }
        guard target.lowercased().hasPrefix("http://") else { return nil }
        let rest = target.dropFirst("http://".count)
        let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) ?? rest.endIndex
        guard let (host, port) = Self.hostPort(rest[..<authorityEnd], defaultPort: 80) else { return nil }
        let path = rest[authorityEnd...]
        (self.host, self.port, self.path) = (
            host, port, path.isEmpty ? "/" : (path.hasPrefix("?") ? "/" + path : String(path))
        )
    }

    /// An origin-form request (`GET /path HTTP/1.1`) read inside a TLS tunnel to `host:port`.
    init?(originFormHead head: String, host: String, port: Int) {
        let lines = head.split(separator: "\r\n", omittingEmptySubsequences: true)
        let parts = lines.first?.split(separator: " ") ?? []
        guard parts.count == 3, parts[2].hasPrefix("HTTP/1."), parts[1].hasPrefix("/"),
            parts[0].allSatisfy({ $0.isASCII && $0.isLetter })
        else { return nil }
        method = String(parts[0]).uppercased()
        version = parts[2]
        headerLines = Array(lines.dropFirst())
        path = String(parts[1])
        self.host = host
        self.port = port
        defaultPort = 443
    }

    /// `host[:port]` with a plain host name or address (no user info).
    static func hostPort(_ text: Substring, defaultPort: Int?) -> (String, Int)? {
        guard !text.contains("@"), !text.isEmpty, text.count <= 260 else { return nil }
        var host = text
        var port = defaultPort
        if let colon = text.lastIndex(of: ":"), !text.hasSuffix("]") {
            guard let number = Int(text[text.index(after: colon)...]), (1...65535).contains(number) else { return nil }
            port = number
            host = text[..<colon]
        }
        if host.hasPrefix("["), host.hasSuffix("]") { host = host.dropFirst().dropLast() }
        guard let port, !host.isEmpty,
            host.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || ".-:".contains($0)) })
        else { return nil }
        return (host.lowercased(), port)
    }

    /// The request as the origin server expects it: origin-form target, proxy headers removed,
    /// `Host` set to the host connected to (so a front end shared by several sites cannot route
    /// an injected credential to another), injected headers added (replacing the client's of
    /// the same name), one request per connection.
    func originForm(adding injected: [(String, String)]) -> String {
        let dropped = Set(
            ["proxy-connection", "proxy-authorization", "connection", "keep-alive", "host"]
                + injected.map { $0.0.lowercased() }
        )
        let name = host.contains(":") ? "[\(host)]" : host
        var out = "\(method) \(path) \(version)\r\nHost: \(port == defaultPort ? name : "\(name):\(port)")\r\n"
        for line in headerLines {
            let name =
                line.split(separator: ":", maxSplits: 1).first.map {
                    $0.trimmingCharacters(in: .whitespaces).lowercased()
                } ?? ""
            if dropped.contains(name) { continue }
            out += line + "\r\n"
        }
        for (name, value) in injected { out += "\(name): \(value)\r\n" }
        out += "Connection: close\r\n\r\n"
        return out
    }
}
