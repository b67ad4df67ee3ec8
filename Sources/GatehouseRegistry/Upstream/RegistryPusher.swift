import AsyncHTTPClient
public import Foundation
import GatehouseCore
import NIOCore
import NIOHTTP1

/// Writes to a registry (distribution spec "push"), for `gatehouse image sign`: monolithic blob
/// uploads and manifest puts. The proxy itself never pushes.
public struct RegistryPusher: Sendable {
    let client: UpstreamClient

    /// A pusher over `client`.
    public init(client: UpstreamClient) { self.client = client }

    /// Uploads `bytes` as a blob unless the registry has it already.
    public func upload(_ bytes: Data, to repository: Repository) async throws -> Digest {
        let digest = Digest.sha256(of: bytes)
        let exists = try await client.send(.HEAD, repository, "blobs/\(digest)", push: true)
        if exists.status == 200 { return digest }
        let started = try await client.send(.POST, repository, "blobs/uploads/", push: true)
        _ = try? await started.body.collect(upTo: 64 << 10)
        guard started.status == 202, let location = started.headers.first(name: "Location") else {
            throw GatehouseError(
                .ociUpstreamFailed, "\(repository.registry) did not start an upload (HTTP \(started.status))")
        }
        let upstream = client.settings(repository.registry)
        guard
            let resolved = URL(
                string: location, relativeTo: URL(string: "\(upstream.scheme)://\(repository.registry)/")),
            var components = URLComponents(url: resolved, resolvingAgainstBaseURL: true)
        else { throw GatehouseError(.ociUpstreamFailed, "\(repository.registry) gave an unusable upload location") }
        components.queryItems =
            (components.queryItems ?? []) + [URLQueryItem(name: "digest", value: digest.description)]
        guard let target = components.url?.absoluteString else {
            throw GatehouseError(.ociUpstreamFailed, "\(repository.registry) gave an unusable upload location")
        }
        let finished = try await client.send(
            .PUT, url: target, repository,
            headers: [("Content-Type", "application/octet-stream"), ("Content-Length", String(bytes.count))],
            body: bytes,
            push: true)
        _ = try? await finished.body.collect(upTo: 64 << 10)
        guard finished.status == 201 else {
            throw GatehouseError(
                .ociUpstreamFailed, "\(repository.registry) refused the blob upload (HTTP \(finished.status))")
        }
        return digest
    }

    /// Puts `manifest` (of `mediaType`) under `tag`.
    public func put(manifest: Data, mediaType: String, tag: String, in repository: Repository) async throws {
        let response = try await client.send(
            .PUT, repository, "manifests/\(tag)", headers: [("Content-Type", mediaType)], body: manifest, push: true)
        let answer = try? await response.body.collect(upTo: 64 << 10)
        guard response.status == 201 else {
            let detail = answer.map { String(buffer: $0).prefix(200) } ?? ""
            throw GatehouseError(
                .ociUpstreamFailed, "\(repository.registry) refused the manifest (HTTP \(response.status)) \(detail)")
        }
    }
}
