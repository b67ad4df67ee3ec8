import AsyncHTTPClient
public import Foundation
import GatehouseCore
import Metrics
import NIOCore
import NIOHTTP1

/// The read-only pull-through proxy: manifests, blobs, tag lists and referrers from upstream
/// registries, through a verified content-addressed cache. Policy and audit are the server's
/// (every call here comes after the spine allowed `image.pull`); this type knows only OCI.
public struct RegistryProxy: Sendable {
    let client: UpstreamClient
    /// The cache.
    public let store: BlobStore
    let tags = TagCache()
    let blobFetches = Inflight<Digest, String>()
    let manifestFetches = Inflight<String, Manifest>()
    /// How long a tag's digest is trusted before asking upstream again.
    public let tagTTLMicros: Int64

    /// A proxy over `client` and `store`.
    public init(client: UpstreamClient, store: BlobStore, tagTTLSeconds: Int) {
        self.client = client
        self.store = store
        self.tagTTLMicros = Int64(tagTTLSeconds) * 1_000_000
    }

    /// The manifest `reference` names in `repository`. By digest it is served from the cache
    /// when there (forever: the content cannot change); by tag, from the cache while the tag's
    /// last answer is fresh, and, when upstream cannot be reached, from its last answer.
    public func manifest(_ repository: Repository, _ reference: ManifestReference, accept: [String]) async throws
        -> Manifest
    {
        let now = WallClock.nowMicros()
        switch reference {
        case .digest(let digest):
            if let cached = try await cachedManifest(digest) { return Self.counted(cached, "manifest", "hit") }
            Self.count("manifest", "miss")
            return try await manifestFetches.run("\(repository)@\(digest)") {
                try await fetchManifest(repository, reference, accept: accept)
            }
        case .tag(let tag):
            let key = "\(repository):\(tag)"
            if let digest = await tags.digest(key, nowMicros: now, ttlMicros: tagTTLMicros),
                let cached = try await cachedManifest(digest)
            {
                return Self.counted(cached, "manifest", "hit")
            }
            Self.count("manifest", "miss")
            do {
                let manifest = try await manifestFetches.run(key + " " + accept.joined(separator: ",")) {
                    try await fetchManifest(repository, reference, accept: accept)
                }
                await tags.set(key, manifest.digest, nowMicros: WallClock.nowMicros())
                return manifest
            } catch let error as GatehouseError where error.code == .ociUpstreamFailed {
                if let digest = await tags.digest(key, nowMicros: now, ttlMicros: 0, stale: true),
                    let cached = try await cachedManifest(digest)
                {
                    return Self.counted(cached, "manifest", "stale")
                }
                throw error
            }
        }
    }

    /// The cached file of blob `digest` of `repository`, fetched and verified first if needed;
    /// concurrent requests for one blob share one upstream fetch.
    public func blob(_ repository: Repository, _ digest: Digest) async throws -> String {
        if let path = await store.path(of: digest) { return Self.counted(path, "blob", "hit") }
        Self.count("blob", "miss")
        return try await blobFetches.run(digest) {
            if let path = await store.path(of: digest) { return path }
            let response = try await client.send(.GET, repository, "blobs/\(digest)", timeout: .hours(1))
            try Self.check(response, what: "blob \(digest)", unknown: .ociBlobUnknown)
            let size = response.headers.first(name: "Content-Length").flatMap(Int64.init)
            return try await store.put(digest, size: size, from: response.body)
        }
    }

    /// The tag list (`n` and `last` passed on), as the upstream's JSON and `Link` header.
    public func tagList(_ repository: Repository, query: String) async throws -> (Data, String?) {
        let response = try await client.send(.GET, repository, "tags/list" + (query.isEmpty ? "" : "?" + query))
        try Self.check(response, what: "tag list", unknown: .ociNameUnknown)
        let body = try await UpstreamClient.collect(response, limit: UpstreamClient.maxListBytes, what: "tag list")
        return (body, response.headers.first(name: "Link"))
    }

    /// The referrers of `digest`: the upstream's referrers API, or, where it has none, the
    /// index under the `sha256-<hex>` tag (the spec's fallback), or an empty index.
    public func referrers(_ repository: Repository, _ digest: Digest, artifactType: String?) async throws -> Data {
        let query =
            artifactType.map {
                "?artifactType=" + ($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
            } ?? ""
        let response = try await client.send(
            .GET, repository, "referrers/\(digest)\(query)", headers: [("Accept", MediaTypes.ociIndex)])
        if response.status == 200 {
            return try await UpstreamClient.collect(
                response, limit: UpstreamClient.maxListBytes, what: "referrers index")
        }
        _ = try? await response.body.collect(upTo: 64 << 10)
        guard response.status == 404 else {
            try Self.check(response, what: "referrers", unknown: .ociManifestUnknown)
            return Data()
        }
        let fallback = ManifestReference.tag("\(digest.algorithm.rawValue)-\(digest.hex)")
        if let index = try? await fetchManifest(repository, fallback, accept: [MediaTypes.ociIndex]), index.isIndex {
            return Self.filtered(index.bytes, artifactType: artifactType)
        }
        return Data(#"{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[]}"#.utf8)
    }

    /// Counts a cache answer: `gatehouse_registry_cache_total{kind, result}` (hit, miss, or a
    /// stale tag served while upstream is unreachable).
    static func count(_ kind: String, _ result: String) {
        Counter(label: "gatehouse_registry_cache_total", dimensions: [("kind", kind), ("result", result)]).increment()
    }

    static func counted<T>(_ value: T, _ kind: String, _ result: String) -> T {
        count(kind, result)
        return value
    }

    // MARK: Internals

    private func cachedManifest(_ digest: Digest) async throws -> Manifest? {
        guard let path = await store.path(of: digest), let bytes = FileManager.default.contents(atPath: path) else {
            return nil
        }
        return try Manifest(bytes: bytes, declaredType: nil)
    }

    private func fetchManifest(_ repository: Repository, _ reference: ManifestReference, accept: [String]) async throws
        -> Manifest
    {
        let response = try await client.send(
            .GET, repository, "manifests/\(reference)",
            headers: [("Accept", (accept.isEmpty ? MediaTypes.manifests : accept).joined(separator: ", "))])
        try Self.check(response, what: "manifest \(reference)", unknown: .ociManifestUnknown)
        let bytes = try await UpstreamClient.collect(response, limit: UpstreamClient.maxManifestBytes, what: "manifest")
        let manifest = try Manifest(bytes: bytes, declaredType: response.headers.first(name: "Content-Type"))
        if case .digest(let wanted) = reference {
            var hasher = DigestHasher(wanted.algorithm)
            hasher.update(bytes)
            guard hasher.finalize() == wanted else {
                throw GatehouseError(
                    .ociDigestInvalid, "the upstream's manifest does not match \(wanted); nothing was kept")
            }
        } else if let claimed = response.headers.first(name: "Docker-Content-Digest"),
            let digest = try? Digest(parsing: claimed), digest.algorithm == .sha256, digest != manifest.digest
        {
            throw GatehouseError(.ociDigestInvalid, "the upstream's manifest does not match the digest it claims")
        }
        _ = try await store.put(manifest.digest, bytes: bytes)
        return manifest
    }

    /// Maps an upstream failure status to an OCI error.
    static func check(_ response: UpstreamClient.Response, what: String, unknown: GatehouseError.Code) throws {
        switch response.status {
        case 200, 206: return
        case 404: throw GatehouseError(unknown, "the upstream has no \(what)")
        case 401, 403: throw GatehouseError(.ociUpstreamFailed, "the upstream refused Gatehouse access to the \(what)")
        case 429: throw GatehouseError(.ociUpstreamFailed, "the upstream is rate-limiting Gatehouse; try again later")
        default:
            throw GatehouseError(.ociUpstreamFailed, "the upstream answered HTTP \(response.status) for the \(what)")
        }
    }

    /// An index keeping only manifests of `artifactType`.
    static func filtered(_ index: Data, artifactType: String?) -> Data {
        guard let artifactType, var object = try? JSONSerialization.jsonObject(with: index) as? [String: Any],
            let manifests = object["manifests"] as? [[String: Any]]
        else { return index }
        object["manifests"] = manifests.filter { $0["artifactType"] as? String == artifactType }
        return (try? JSONSerialization.data(withJSONObject: object)) ?? index
    }
}
