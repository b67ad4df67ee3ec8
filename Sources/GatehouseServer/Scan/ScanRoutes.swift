import Foundation
import GatehouseCore
import GatehouseRegistry
import GatehouseScan
import HTTPTypes
import Hummingbird
import NIOCore

/// What is in an image and whether it is safe, all as action `image.check`:
/// - `POST /api/v1/images/scan {"image": REF}`: pulls (only when the policy would let the caller
///   pull it), scans and matches; answers one JSON object per line — `{"stage", "progress"}`
///   while layers download and are read, then `{"report"}` (or `{"error"}`).
/// - `POST /api/v1/images/sbom {"image": REF, "format": "spdx-json"|"cyclonedx-json"}`.
/// - `GET /api/v1/images/{digest}/sbom[?format=…]` and `GET /api/v1/images/{digest}/findings`:
///   what the background scans of pulled images found (404 until an image was scanned).
struct ScanRoutes: Sendable {
    let spine: Spine
    let proxy: RegistryProxy
    let scans: ImageScans
    let vulns: VulnDatabase

    struct Wanted: Decodable {
        let image: String
        let format: String?
    }

    func register(on router: Router<some RequestContext>) {
        router.post("/api/v1/images/scan") { request, _ -> Response in
            let (wanted, repository, reference, spineRequest) = try await parse(request)
            return try await spine.handle(spineRequest) { caller, _ in
                let manifest = try await pullable(caller, repository, reference, resource: spineRequest.action.resource)
                let stream = AsyncStream<ByteBuffer>.makeStream()
                let task = Task {
                    do {
                        let result = try await scans.result(manifest, in: repository, name: wanted.image) {
                            stage, progress in
                            stream.continuation.yield(Self.line(["stage": stage, "progress": progress]))
                        }
                        stream.continuation.yield(Self.line(["report": try await vulns.report(result)]))
                    } catch {
                        let failure = (error as? GatehouseError) ?? GatehouseError(.internal, "the scan failed")
                        stream.continuation.yield(
                            Self.line(["error": ["code": failure.code.rawValue, "message": failure.message]]))
                    }
                    stream.continuation.finish()
                }
                stream.continuation.onTermination = { _ in task.cancel() }
                var headers = HTTPFields()
                headers[.contentType] = "application/x-ndjson"
                return Response(status: .ok, headers: headers, body: ResponseBody(asyncSequence: stream.stream))
            }
        }
        router.post("/api/v1/images/sbom") { request, _ -> Response in
            let (wanted, repository, reference, spineRequest) = try await parse(request)
            let format = try Self.format(wanted.format)
            return try await spine.handle(spineRequest) { caller, _ in
                let manifest = try await pullable(caller, repository, reference, resource: spineRequest.action.resource)
                let result = try await scans.result(manifest, in: repository, name: wanted.image)
                return try Self.sbom(result, format: format)
            }
        }
        router.get("/api/v1/images/{digest}/sbom") { request, context -> Response in
            let digest = try Self.digest(context)
            let format = try Self.format(request.uri.queryParameters.get("format").map { String($0) })
            return try await spine.handle(AdminRoutes.spineRequest(request, .imageCheck, resource: digest.description))
            {
                _, _ in
                try Self.sbom(try known(digest), format: format)
            }
        }
        router.get("/api/v1/images/{digest}/findings") { request, context -> Response in
            let digest = try Self.digest(context)
            return try await spine.handle(AdminRoutes.spineRequest(request, .imageCheck, resource: digest.description))
            {
                _, _ in
                JSONBody.response(try await vulns.report(try known(digest)))
            }
        }
    }

    private func known(_ digest: Digest) throws -> ScanResult { try scans.scanned(digest) }

    private func parse(_ request: Request) async throws -> (Wanted, Repository, ManifestReference, Spine.Request) {
        var body = request
        let usage = "the body must be {\"image\": \"REGISTRY/REPOSITORY:TAG\"}"
        guard let buffer = try? await body.collectBody(upTo: 16 * 1024),
            let wanted = try? JSONDecoder().decode(Wanted.self, from: Data(buffer.readableBytesView))
        else { throw GatehouseError(.badRequest, usage) }
        let (repository, reference) = try ImageReference.parse(wanted.image)
        let resource = RegistryRoutes.resource(.manifest(repository, reference))
        var spineRequest = AdminRoutes.spineRequest(request, .imageCheck, resource: resource)
        spineRequest.payload = PayloadDigest(bytes: buffer.readableBytesView)
        return (wanted, repository, reference, spineRequest)
    }

    /// The image manifest for this host, fetched only when the policy (and the image's class)
    /// would let `caller` pull it: a scan is no way around the registry's rules.
    private func pullable(_ caller: Caller, _ repository: Repository, _ reference: ManifestReference, resource: String)
        async throws -> Manifest
    {
        let pull = spine.config.policy.decide(
            caller.principal, Action(.imagePull, resource: resource), scopes: caller.scopes)
        guard pull.isAllowed else {
            throw Spine.Refusal(rule: pull.rule, reason: "you may not pull \(resource): \(pull.reason)")
        }
        if let refusal = spine.imageClassRefusal(caller, repository) { throw refusal }
        let top = try await proxy.manifest(repository, reference, accept: MediaTypes.manifests)
        return try await proxy.platformManifest(of: top, in: repository)
    }

    static func format(_ text: String?) throws -> String {
        let format = text ?? "spdx-json"
        guard ["spdx-json", "cyclonedx-json"].contains(format) else {
            throw GatehouseError(.badRequest, "format must be spdx-json or cyclonedx-json")
        }
        return format
    }

    static func sbom(_ result: ScanResult, format: String) throws -> Response {
        let subject = SBOMSubject(
            name: result.name, digest: result.digest, distro: result.distro, packages: result.packages,
            created: Date(), toolVersion: GatehouseVersion.current)
        let data = format == "spdx-json" ? try SPDXWriter().write(subject) : try CycloneDXWriter().write(subject)
        var headers = HTTPFields()
        headers[.contentType] =
            format == "spdx-json" ? "application/spdx+json" : "application/vnd.cyclonedx+json; version=1.6"
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func digest(_ context: some RequestContext) throws -> Digest {
        try digest(context.parameters.get("digest"))
    }

    /// A digest from a path, or `bad_request` naming the shape expected.
    static func digest(_ text: String?) throws -> Digest {
        guard let text, let digest = try? Digest(parsing: text) else {
            throw GatehouseError(.badRequest, "expected a digest like sha256:<64 hex digits>")
        }
        return digest
    }

    /// One NDJSON line.
    static func line(_ object: [String: any Encodable]) -> ByteBuffer {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var parts: [String] = []
        for (key, value) in object.sorted(by: { $0.key < $1.key }) {
            let encoded = (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "null"
            parts.append("\"\(key)\":\(encoded)")
        }
        return ByteBuffer(string: "{" + parts.joined(separator: ",") + "}\n")
    }
}
