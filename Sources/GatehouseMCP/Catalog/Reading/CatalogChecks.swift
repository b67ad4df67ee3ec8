import Foundation

/// Checks on the values of catalog keys. Each `…Problem` function names what is wrong, or
/// returns nil; messages never repeat the value.
enum CatalogChecks {
    /// `[A-Za-z_][A-Za-z0-9_]*`.
    static func isEnvironmentName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, !("0"..."9").contains(first) else { return false }
        return name.unicodeScalars.allSatisfy { $0 == "_" || isAlphanumeric($0) }
    }

    /// A tool-name prefix: `[A-Za-z0-9_.-]{1,64}`.
    static func isPrefix(_ prefix: String) -> Bool {
        prefix.unicodeScalars.count <= 64 && CatalogTool.isValidName(prefix)
    }

    /// An HTTP header name (an RFC 9110 token).
    static func isHeaderName(_ name: String) -> Bool {
        !name.isEmpty
            && name.unicodeScalars.allSatisfy { isAlphanumeric($0) || "!#$%&'*+-.^_`|~".unicodeScalars.contains($0) }
    }

    /// A control character (line breaks included).
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    /// An `http` or `https` URL with a host and no user information.
    static func urlProblem(_ text: String) -> String? {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
            let host = url.host, !host.isEmpty
        else { return "expected an http or https URL" }
        guard url.user == nil, url.password == nil else {
            return "the URL must not hold credentials; pass them in a header from a secret"
        }
        return nil
    }

    /// `host[:port]`: DNS labels (optionally after `*.`), an IPv4 address or a bracketed IPv6
    /// address, then optionally a port 1-65535.
    static func hostProblem(_ text: String) -> String? {
        let expected = "expected host[:port], e.g. api.github.com:443 or *.example.com"
        var host = Substring(text)
        var port: Substring?
        if host.hasPrefix("[") {
            guard let close = host.firstIndex(of: "]") else { return expected }
            let address = host[host.index(after: host.startIndex)..<close]
            guard !address.isEmpty, address.allSatisfy({ $0.isHexDigit || $0 == ":" || $0 == "." }) else {
                return expected
            }
            let rest = host[host.index(after: close)...]
            guard rest.isEmpty || rest.hasPrefix(":") else { return expected }
            port = rest.isEmpty ? nil : rest.dropFirst()
            host = address
        } else {
            if let colon = host.lastIndex(of: ":") {
                port = host[host.index(after: colon)...]
                host = host[..<colon]
            }
            if host.hasPrefix("*.") { host = host.dropFirst(2) }
            let labels = host.split(separator: ".", omittingEmptySubsequences: false)
            guard !host.isEmpty, host.count <= 253,
                labels.allSatisfy({ label in
                    (1...63).contains(label.count) && !label.hasPrefix("-") && !label.hasSuffix("-")
                        && label.unicodeScalars.allSatisfy { isAlphanumeric($0) || $0 == "-" || $0 == "_" }
                })
            else { return expected }
        }
        if let port {
            guard !port.isEmpty, port.allSatisfy({ $0.isASCII && $0.isNumber }) else { return expected }
            guard let number = Int(port), (1...65_535).contains(number) else {
                return "invalid port (expected 1...65535)"
            }
        }
        return nil
    }

    /// An absolute path without `.` or `..` components.
    static func absolutePathProblem(_ path: String) -> String? {
        guard path.hasPrefix("/") else { return "expected an absolute path" }
        guard !path.split(separator: "/").contains(where: { $0 == ".." || $0 == "." }) else {
            return "the path must not hold . or .. components"
        }
        guard !path.unicodeScalars.contains(where: isControl) else {
            return "the path must not hold control characters"
        }
        return nil
    }

    /// `host:container[:ro]`. Only read-only binds are accepted: `:rw` is unsupported. Volumes
    /// holding docker's `{{…}}` templates are checked once expanded, not here.
    static func volumeProblem(_ volume: String) -> (message: String, isUnsupported: Bool)? {
        let parts = volume.split(separator: ":", omittingEmptySubsequences: false)
        if volume.hasSuffix(":rw") {
            return (
                "writable volumes (:rw) are not supported: servers see host files read-only, and only the "
                    + "workspace is writable", true
            )
        }
        // A template (`{{filesystem.paths|volume}}`) may expand to several volumes.
        if volume.contains("{{") { return nil }
        guard (2...3).contains(parts.count), parts.count == 2 || parts[2] == "ro",
            !parts[0].isEmpty, !parts[1].isEmpty
        else { return ("expected host:container or host:container:ro", false) }
        for part in parts.prefix(2) {
            if let problem = absolutePathProblem(String(part)) {
                return ("\(problem) on both sides of a volume", false)
            }
        }
        return nil
    }

    /// A secret reference: `env:NAME` or `file:PATH`, never a value.
    static func secretReferenceProblem(_ text: String) -> String? {
        if text.hasPrefix("env:"), isEnvironmentName(String(text.dropFirst(4))) { return nil }
        if text.hasPrefix("file:"), absolutePathProblem(String(text.dropFirst(5))) == nil { return nil }
        return "expected a secret reference, env:NAME or file:/absolute/path (never the secret itself)"
    }

    /// Bytes from `1048576`, `512M`, `512MiB`, `2g`, `1.5G`…; nil when not a size.
    static func memoryBytes(_ text: String) -> Int64? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let digits = trimmed.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
        var unit = trimmed.dropFirst(digits.count).lowercased()
        if unit.hasSuffix("ib") { unit.removeLast(2) } else if unit.hasSuffix("b") { unit.removeLast() }
        let shifts: [String: Int] = ["": 0, "k": 10, "m": 20, "g": 30, "t": 40]
        guard let number = Double(digits), let shift = shifts[unit] else { return nil }
        let bytes = number * Double(Int64(1) << shift)
        guard bytes.isFinite, bytes < 9e18, bytes.rounded() == bytes || shift > 0 else { return nil }
        return Int64(bytes.rounded())
    }

    private static func isAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
    }
}
