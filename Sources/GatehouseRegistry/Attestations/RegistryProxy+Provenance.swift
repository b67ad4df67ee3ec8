import Foundation
public import GatehouseCore

/// A base image named by an image's SLSA provenance: a `pkg:docker/…` (or `pkg:oci/…`) material
/// or resolved dependency, with the digest the build used.
public struct BaseImage: Sendable, Hashable, Codable {
    /// The repository, `registry/path`.
    public var repository: String
    /// The tag the build named (`bookworm`), if any.
    public var tag: String?
    /// The digest the build resolved it to (`sha256:…`), if recorded.
    public var digest: String?

    /// `registry/path:tag` (or `@digest`), what policies match.
    public var reference: String {
        if let tag { return repository + ":" + tag }
        return repository + (digest.map { "@" + $0 } ?? "")
    }

    /// The base image a docker purl names: `pkg:docker/[namespace/]name@version` with an
    /// optional `repository_url` qualifier (Docker Hub otherwise, `library/` for single names).
    public init?(purl: String, sha256: String?) {
        guard purl.hasPrefix("pkg:docker/") || purl.hasPrefix("pkg:oci/") else { return nil }
        let body = purl.drop { $0 != "/" }.dropFirst()
        let (main, query) = Self.split(String(body), at: "?")
        let (path, version) = Self.split(main, at: "@")
        var qualifiers: [String: String] = [:]
        for pair in (query ?? "").split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { String($0).removingPercentEncoding ?? "" }
            if parts.count == 2 { qualifiers[parts[0]] = parts[1] }
        }
        guard let name = path.removingPercentEncoding, !name.isEmpty, name.count <= 255 else { return nil }
        if let url = qualifiers["repository_url"] {
            repository = String(url.prefix { $0 != "/" }).lowercased() + "/" + name
        } else {
            // Without a repository_url, as Docker reads a name (`ghcr.io/org/x`, `debian`).
            let qualified = ImageReference.qualified(name)
            let slash = qualified.firstIndex(of: "/") ?? qualified.endIndex
            repository = qualified[..<slash].lowercased() + qualified[slash...]
        }
        let decoded = version?.removingPercentEncoding
        if let decoded, decoded.hasPrefix("sha256:") {
            tag = nil
            digest = decoded
        } else {
            tag = decoded
            digest = sha256.map { "sha256:" + $0 }
        }
    }

    static func split(_ text: String, at separator: Character) -> (String, String?) {
        guard let index = text.firstIndex(of: separator) else { return (text, nil) }
        return (String(text[..<index]), String(text[text.index(after: index)...]))
    }
}

extension RegistryProxy {
    /// Largest in-toto statement read.
    static let maxStatementBytes = 4 << 20

    /// The base images the SLSA provenance attached to `manifest` names (buildx attestation
    /// manifests in an index, or referrers): empty when there is no provenance or it names none.
    public func baseImages(of manifest: Manifest, in repository: Repository) async throws -> [BaseImage] {
        var statements: [Digest] = []
        var attestationManifests: [Digest] = []
        if manifest.isIndex {
            attestationManifests += Self.descriptors(manifest.bytes, key: "manifests").prefix(64)
                .filter { $0.annotations[Self.referenceType] == Self.attestationManifest }.map(\.digest)
        }
        let referrers = try await referrers(repository, manifest.digest, artifactType: nil)
        attestationManifests += Self.descriptors(referrers, key: "manifests").prefix(256)
            .filter {
                $0.annotations[Self.predicateAnnotation].flatMap(AttestationKind.of(predicateType:)) == .provenance
            }
            .map(\.digest)
        for digest in attestationManifests.prefix(64) {
            let attestation = try await self.manifest(repository, .digest(digest), accept: [MediaTypes.ociManifest])
            statements += Self.descriptors(attestation.bytes, key: "layers")
                .filter {
                    $0.annotations[Self.predicateAnnotation].flatMap(AttestationKind.of(predicateType:)) == .provenance
                }
                .map(\.digest)
        }
        var found: [BaseImage] = []
        for digest in statements.prefix(64) {
            guard let bytes = try await smallBlob(repository, digest, maxBytes: Self.maxStatementBytes) else {
                throw GatehouseError(.ociManifestInvalid, "a provenance statement is larger than 4 MiB")
            }
            for image in Self.baseImages(statement: bytes) where !found.contains(image) { found.append(image) }
        }
        return found
    }

    /// The docker materials of an in-toto SLSA provenance statement (v0.2 `materials`, v1
    /// `buildDefinition.resolvedDependencies`).
    static func baseImages(statement: Data) -> [BaseImage] {
        guard let object = try? JSONSerialization.jsonObject(with: statement) as? [String: Any],
            let predicate = object["predicate"] as? [String: Any]
        else { return [] }
        let materials =
            (predicate["materials"] as? [[String: Any]])
            ?? ((predicate["buildDefinition"] as? [String: Any])?["resolvedDependencies"] as? [[String: Any]]) ?? []
        return materials.prefix(256).compactMap { material in
            guard let uri = material["uri"] as? String else { return nil }
            let sha256 = (material["digest"] as? [String: Any])?["sha256"] as? String
            return BaseImage(purl: uri, sha256: sha256.flatMap { $0.count == 64 ? $0.lowercased() : nil })
        }
    }
}
