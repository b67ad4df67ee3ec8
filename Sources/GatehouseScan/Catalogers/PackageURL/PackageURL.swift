/// A package URL (purl, ECMA-427: github.com/package-url/purl-spec) built from its components.
///
/// ``description`` is the canonical string: `pkg:` scheme, lower-case type, each namespace and subpath
/// segment, the name and the version percent-encoded (only `A-Z a-z 0-9 . - _ ~ :` stay literal), empty
/// namespace segments dropped, qualifier keys lower-cased and sorted, qualifiers with empty values dropped,
/// qualifier values percent-encoded. Type-specific normalisation (Debian lower-case names, PEP 503 names,
/// npm scopes) lives in the `PackageURL+Types.swift` constructors.
public struct PackageURL: Sendable, Hashable, CustomStringConvertible {
    /// The type: `deb`, `apk`, `pypi`, `npm`, `golang`.
    public var type: String
    /// The namespace segments (unencoded), e.g. `["debian"]`, `["@babel"]`, `["github.com", "spf13"]`.
    public var namespace: [String]
    /// The name (unencoded).
    public var name: String
    /// The version (unencoded), if any.
    public var version: String?
    /// The qualifiers (unencoded), e.g. `["arch": "amd64"]`.
    public var qualifiers: [String: String]
    /// The subpath (unencoded, `/`-separated), if any.
    public var subpath: String?

    /// Creates a package URL.
    public init(
        type: String, namespace: [String] = [], name: String, version: String? = nil,
        qualifiers: [String: String] = [:], subpath: String? = nil
    ) {
        self.type = type
        self.namespace = namespace
        self.name = name
        self.version = version
        self.qualifiers = qualifiers
        self.subpath = subpath
    }

    /// The canonical string form.
    public var description: String {
        var out = "pkg:" + type.lowercased()
        for segment in namespace where !segment.isEmpty {
            out += "/" + Self.percentEncoded(segment)
        }
        out += "/" + Self.percentEncoded(name)
        if let version, !version.isEmpty {
            out += "@" + Self.percentEncoded(version)
        }
        let pairs = qualifiers.compactMap { key, value in value.isEmpty ? nil : (key.lowercased(), value) }
            .sorted { $0.0 < $1.0 }
        if !pairs.isEmpty {
            out += "?" + pairs.map { "\($0.0)=\(Self.percentEncoded($0.1))" }.joined(separator: "&")
        }
        if let subpath {
            let segments = subpath.split(separator: "/").filter { $0 != "." && $0 != ".." }
            if !segments.isEmpty {
                out += "#" + segments.map { Self.percentEncoded(String($0)) }.joined(separator: "/")
            }
        }
        return out
    }
}
