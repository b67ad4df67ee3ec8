public import GatehouseCore

/// One entry of an egress allowlist: `host[:port]`, where host may start with `*.` to match
/// subdomains. Without a port, 80 and 443 are allowed.
public struct HostRule: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The host name or address, lower-cased; `*.example.com` matches subdomains only.
    public var host: String
    /// The port; nil allows 80 and 443.
    public var port: Int?

    /// Parses `host[:port]`; refuses anything that is not a plain host name or address.
    public init(parsing text: String) throws(GatehouseError) {
        var host = Substring(text.lowercased())
        var port: Int?
        if let colon = host.lastIndex(of: ":"), !host.hasPrefix("[") || host[..<colon].hasSuffix("]") {
            guard let number = Int(host[host.index(after: colon)...]), (1...65535).contains(number) else {
                throw GatehouseError(.badRequest, "\"\(text.prefix(80))\": the port must be 1 to 65535")
            }
            port = number
            host = host[..<colon]
        }
        let name = host.hasPrefix("*.") ? host.dropFirst(2) : host
        guard !name.isEmpty, name.count <= 253,
            name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || ".-[]:".contains($0)) })
        else {
            throw GatehouseError(.badRequest, "\"\(text.prefix(80))\" is not a host name, like api.example.com[:443]")
        }
        self.host = String(host)
        self.port = port
    }

    /// Whether this rule lets a connection to `host`:`port` through.
    public func allows(host candidate: String, port candidatePort: Int) -> Bool {
        let candidate = candidate.lowercased()
        let hostMatches =
            host.hasPrefix("*.") ? candidate.hasSuffix(String(host.dropFirst(1))) : candidate == host
        guard hostMatches else { return false }
        return port.map { $0 == candidatePort } ?? [80, 443].contains(candidatePort)
    }

    /// `host[:port]`.
    public var description: String { host + (port.map { ":\($0)" } ?? "") }
}
