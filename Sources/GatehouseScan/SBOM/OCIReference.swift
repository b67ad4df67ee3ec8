/// The parts of an image reference (`registry/repository[:tag][@digest]`) an OCI package URL needs.
struct OCIReference: Equatable {
    /// Everything before the tag and digest, e.g. `docker.io/library/debian`.
    var repository: String
    /// The tag, if the reference has one.
    var tag: String?

    /// Parses `reference`; nil when it holds characters an image reference cannot.
    init?(_ reference: String) {
        var rest = Substring(reference)
        if let at = rest.firstIndex(of: "@") { rest = rest[..<at] }
        if let colon = rest.lastIndex(of: ":"), !rest[colon...].contains("/") {
            tag = String(rest[rest.index(after: colon)...])
            rest = rest[..<colon]
        }
        repository = String(rest)
        let repositoryOK = repository.unicodeScalars.allSatisfy { Self.isRepositoryCharacter($0) }
        let tagOK = tag.map { !$0.isEmpty && $0.unicodeScalars.allSatisfy { Self.isTagCharacter($0) } } ?? true
        guard !repository.isEmpty, !repository.hasSuffix("/"), repositoryOK, tagOK else { return nil }
    }

    /// `pkg:oci/<name>@sha256%3A<hex>?repository_url=<repository>[&tag=<tag>]` (purl-spec, type `oci`).
    func purl(sha256Hex: String) -> String {
        let name = repository.split(separator: "/").last.map { $0.lowercased() } ?? repository.lowercased()
        var purl = "pkg:oci/\(name)@sha256%3A\(sha256Hex)?repository_url=\(repository.lowercased())"
        if let tag { purl += "&tag=\(tag)" }
        return purl
    }

    private static func isRepositoryCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9", ".", "-", "_", "/", ":": true
        default: false
        }
    }

    private static func isTagCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9", ".", "-", "_": true
        default: false
        }
    }
}
