package import AsyncHTTPClient
import Foundation
package import GatehouseCore
package import NIOCore
import NIOHTTP1

/// Pushes an ``OCIArtifactPackage`` (a ``DMRPackage``, an agent file) to an OCI registry per the
/// distribution spec: each blob is checked with `HEAD` and, when missing, uploaded with `POST` +
/// one monolithic `PUT` (a file streamed from disk); then the manifest is `PUT` under the
/// reference's tag.
package struct OCIPusher: Sendable {
    /// The HTTP client (owned by the caller).
    package var http: HTTPClient
    /// Credentials for basic auth or the token realm; `nil` for anonymous.
    package var credentials: RegistryCredentials?
    /// Speak plain HTTP (for a loopback test registry) instead of HTTPS.
    package var plainHTTP: Bool
    /// Time allowed for each small request.
    package var requestTimeout: TimeAmount = .seconds(60)
    /// Time allowed for each blob upload.
    package var uploadTimeout: TimeAmount = .hours(2)

    /// Creates a pusher.
    package init(http: HTTPClient = .shared, credentials: RegistryCredentials? = nil, plainHTTP: Bool = false) {
        self.http = http
        self.credentials = credentials
        self.plainHTTP = plainHTTP
    }

    /// Pushes `package` to `reference` and returns the manifest's digest.
    /// - Throws: `GatehouseError` naming the step and the registry's status (`.unauthenticated`,
    ///   `.forbidden`, `.upstreamFailed`).
    @discardableResult
    package func push(
        _ package: some OCIArtifactPackage, to reference: OCIReference
    ) async throws(GatehouseError) -> OCIDigest {
        let client = RegistryClient(
            http: http, host: reference.host, credentials: credentials, plainHTTP: plainHTTP, timeout: requestTimeout)
        for blob in package.blobs {
            let (source, size) = (blob.source, blob.descriptor.size)
            try await pushBlob(blob.descriptor, repository: reference.repository, client: client) {
                switch source {
                case .file(let path): .stream(FileChunks(path: path), length: .known(size))
                case .bytes(let data): .bytes(ByteBuffer(bytes: data))
                }
            }
        }
        let manifestData = package.manifestData
        let digest = OCIDigest.of(manifestData)
        if let pinned = reference.digest, pinned != digest {
            throw GatehouseError(.badRequest, "the reference pins \(pinned), but the manifest is \(digest)")
        }
        let step = "putting the manifest \(reference.repository):\(reference.manifestReference)"
        let response = try await client.send(
            step, method: .PUT, url: url(client, reference.repository, "manifests", reference.manifestReference),
            headers: ["Content-Type": package.manifestMediaType]
        ) { .bytes(ByteBuffer(bytes: manifestData)) }
        guard response.status == .created || response.status == .ok else {
            throw await RegistryClient.failure(step, response)
        }
        _ = await RegistryClient.collect(response, limit: 64 << 10)
        if let echoed = response.headers.first(name: "Docker-Content-Digest"), echoed != digest.description {
            throw GatehouseError(.upstreamFailed, "\(step): the registry stored digest \(echoed), not \(digest)")
        }
        return digest
    }

    /// Uploads one blob unless the registry already has it.
    private func pushBlob(
        _ descriptor: OCIDescriptor, repository: String, client: RegistryClient,
        body: @escaping @Sendable () -> HTTPClientRequest.Body
    ) async throws(GatehouseError) {
        let blob = descriptor.digest.short
        let headStep = "checking blob \(blob) (HEAD)"
        let head = try await client.send(
            headStep, method: .HEAD, url: url(client, repository, "blobs", descriptor.digest.description))
        guard head.status == .ok || head.status == .notFound else {
            throw await RegistryClient.failure(headStep, head)
        }
        _ = await RegistryClient.collect(head, limit: 64 << 10)
        if head.status == .ok { return }

        let startStep = "starting the upload of blob \(blob) (POST)"
        let start = try await client.send(
            startStep, method: .POST, url: url(client, repository, "blobs", "uploads/"),
            headers: ["Content-Length": "0"])
        guard start.status == .accepted, let location = start.headers.first(name: "Location") else {
            throw await RegistryClient.failure(startStep, start)
        }
        _ = await RegistryClient.collect(start, limit: 64 << 10)

        let putStep = "uploading blob \(blob) (PUT, \(descriptor.size) bytes)"
        let target = try uploadURL(location, digest: descriptor.digest, client: client, step: putStep)
        let put = try await client.send(
            putStep, method: .PUT, url: target, headers: ["Content-Type": "application/octet-stream"],
            timeout: uploadTimeout, body: body)
        guard put.status == .created else { throw await RegistryClient.failure(putStep, put) }
        _ = await RegistryClient.collect(put, limit: 64 << 10)
    }

    /// `base/v2/<repository>/<kind>/<reference>`.
    private func url(_ client: RegistryClient, _ repository: String, _ kind: String, _ reference: String) -> String {
        "\(client.base)/v2/\(repository)/\(kind)/\(reference)"
    }

    /// The upload `Location` made absolute, with `digest=` added to its query.
    func uploadURL(
        _ location: String, digest: OCIDigest, client: RegistryClient, step: String
    ) throws(GatehouseError) -> String {
        let absolute: String
        if location.hasPrefix("https://") || (plainHTTP && location.hasPrefix("http://")) {
            absolute = location
        } else if location.hasPrefix("/") {
            absolute = client.base + location
        } else {
            throw GatehouseError(
                .upstreamFailed,
                "\(step): the registry gave an unusable upload location \"\(DMRManifest.excerpt(location))\"")
        }
        let bare = absolute.split(separator: "#", maxSplits: 1).first.map(String.init) ?? absolute
        let separator = bare.contains("?") ? (bare.hasSuffix("?") || bare.hasSuffix("&") ? "" : "&") : "?"
        return bare + separator + "digest=sha256%3A" + digest.hex
    }
}
