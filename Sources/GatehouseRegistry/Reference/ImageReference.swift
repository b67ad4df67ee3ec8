public import GatehouseCore

/// An image as people write it: `REGISTRY/REPOSITORY[:TAG|@DIGEST]` (the tag defaults to
/// `latest`). The registry is always explicit: Gatehouse never guesses Docker Hub.
public enum ImageReference {
    /// Docker's short names made explicit, as Docker reads them: `mcp/time` is
    /// `docker.io/mcp/time`, `alpine` is `docker.io/library/alpine`; a first part with a `.` or
    /// `:`, or `localhost`, is a registry.
    public static func qualified(_ reference: String) -> String {
        guard let slash = reference.firstIndex(of: "/") else { return "docker.io/library/" + reference }
        let first = reference[..<slash]
        if first.contains(".") || first.contains(":") || first == "localhost" { return reference }
        return "docker.io/" + reference
    }

    /// The repository and the tag or digest of `text`.
    public static func parse(_ text: String) throws(GatehouseError) -> (Repository, ManifestReference) {
        guard text.utf8.count <= 512, let slash = text.firstIndex(of: "/") else {
            throw GatehouseError(
                .ociNameInvalid, "give the image as REGISTRY/REPOSITORY:TAG, e.g. registry.example.com/team/app:1.0")
        }
        let registry = String(text[..<slash])
        var rest = String(text[text.index(after: slash)...])
        var reference = ManifestReference.tag("latest")
        if let at = rest.firstIndex(of: "@") {
            reference = try ManifestReference(parsing: rest[rest.index(after: at)...])
            rest = String(rest[..<at])
        } else if let colon = rest.lastIndex(of: ":") {
            reference = try ManifestReference(parsing: rest[rest.index(after: colon)...])
            rest = String(rest[..<colon])
        }
        return (try Repository(registry: registry, path: rest), reference)
    }
}
