import Foundation
public import GatehouseCore

/// An upstream repository: the registry's host (with port) and the path inside it, as
/// addressed through the proxy, `GATEHOUSE/registry.example.com/ns/repo`. Both parts follow
/// the distribution spec's grammar; nothing else is accepted, so a name never smuggles a path
/// or URL segment.
///
/// Image references cannot hold a `:` inside their path, so an upstream with a port is written
/// `host_port` (`GATEHOUSE/registry.example.com_5000/ns/repo`); host names have no `_`, so the
/// form is unambiguous. `host:port` is accepted too, from clients that allow it.
public struct Repository: Sendable, Hashable, CustomStringConvertible {
    /// The upstream registry, `host[:port]`, lower-case.
    public let registry: String
    /// The repository inside it, `ns/repo`.
    public let path: String

    /// Longest accepted name (the spec suggests clients keep to 255).
    static let maxLength = 255

    /// Splits `registry.example.com/ns/repo` into registry and path.
    public init(proxyName name: some StringProtocol) throws(GatehouseError) {
        let text = String(name)
        guard text.utf8.count <= Self.maxLength, let slash = text.firstIndex(of: "/") else {
            throw GatehouseError(
                .ociNameInvalid,
                "expected REGISTRY/REPOSITORY (like registry.example.com/team/app), got \(text.prefix(80))")
        }
        var registry = String(text[..<slash])
        if let underscore = registry.lastIndex(of: "_"), !registry.contains(":") {
            registry.replaceSubrange(underscore...underscore, with: ":")
        }
        try self.init(registry: registry, path: String(text[text.index(after: slash)...]))
    }

    /// A repository from its parts, both checked.
    public init(registry: String, path: String) throws(GatehouseError) {
        guard Self.isRegistry(registry) else {
            throw GatehouseError(.ociNameInvalid, "\(registry.prefix(80)) is not a registry host[:port]")
        }
        guard Self.isPath(path) else {
            throw GatehouseError(
                .ociNameInvalid,
                "\(path.prefix(80)) is not a repository name (lower-case components separated by /, . _ __ or -)")
        }
        self.registry = registry.lowercased()
        self.path = path
    }

    /// `registry/path`, the resource policies match.
    public var description: String { registry + "/" + path }

    /// The host the registry's API answers on: Docker Hub's is `registry-1.docker.io`, though
    /// people (and policies) name it `docker.io`.
    public var endpoint: String { registry == "docker.io" ? "registry-1.docker.io" : registry }

    /// The name as an image reference through the proxy writes it (`host_port/path`).
    public var proxyName: String { registry.replacingOccurrences(of: ":", with: "_") + "/" + path }

    /// A host name or IPv4 address (letters, digits, `-`, `.`), with an optional port.
    static func isRegistry(_ text: String) -> Bool {
        var host = Substring(text)
        if let colon = text.lastIndex(of: ":") {
            guard let port = Int(text[text.index(after: colon)...]), (1...65535).contains(port) else { return false }
            host = text[..<colon]
        }
        let labels = host.split(separator: ".", omittingEmptySubsequences: false)
        return !host.isEmpty && host.utf8.count <= 253
            && labels.allSatisfy { label in
                !label.isEmpty && label.utf8.count <= 63 && !label.hasPrefix("-") && !label.hasSuffix("-")
                    && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
            }
    }

    /// `component(/component)*`, each `[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*`.
    static func isPath(_ text: String) -> Bool {
        let components = text.split(separator: "/", omittingEmptySubsequences: false)
        return !text.isEmpty && components.allSatisfy(isComponent)
    }

    private static func isComponent(_ component: Substring) -> Bool {
        let bytes = Array(component.utf8)
        func alnum(_ byte: UInt8) -> Bool { (97...122).contains(byte) || (48...57).contains(byte) }
        guard let first = bytes.first, let last = bytes.last, alnum(first), alnum(last) else { return false }
        var index = 0
        while index < bytes.count {
            if alnum(bytes[index]) {
                index += 1
                continue
            }
            // A separator: ".", "_", "__" or a run of "-", always between alphanumerics.
            var end = index
            switch bytes[index] {
            case UInt8(ascii: "."): end = index + 1
            case UInt8(ascii: "_"):
                end = index + (index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "_") ? 2 : 1)
            case UInt8(ascii: "-"):
                while end < bytes.count && bytes[end] == UInt8(ascii: "-") { end += 1 }
            default: return false
            }
            guard end < bytes.count, alnum(bytes[end]) else { return false }
            index = end
        }
        return true
    }
}

/// What a manifest request names: a tag or a digest.
public enum ManifestReference: Sendable, Hashable, CustomStringConvertible {
    case tag(String)
    case digest(Digest)

    /// Parses a tag (`[A-Za-z0-9_][A-Za-z0-9._-]{0,127}`) or a digest.
    public init(parsing text: some StringProtocol) throws(GatehouseError) {
        if text.contains(":") {
            self = .digest(try Digest(parsing: text))
            return
        }
        let bytes = Array(text.utf8)
        func word(_ byte: UInt8) -> Bool {
            (97...122).contains(byte) || (65...90).contains(byte) || (48...57).contains(byte)
                || byte == UInt8(ascii: "_")
        }
        guard let first = bytes.first, word(first), bytes.count <= 128,
            bytes.allSatisfy({ word($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-") })
        else {
            throw GatehouseError(.ociManifestInvalid, "\(text.prefix(80)) is neither a tag nor a digest")
        }
        self = .tag(String(text))
    }

    /// The tag or the digest, as in a URL.
    public var description: String {
        switch self {
        case .tag(let tag): tag
        case .digest(let digest): digest.description
        }
    }
}
