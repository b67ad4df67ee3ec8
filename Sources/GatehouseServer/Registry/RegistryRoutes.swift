import Foundation
import GatehouseCore
import GatehouseIdentity
import GatehouseRegistry
import HTTPTypes
import Hummingbird
import NIOCore
import Tracing

/// The OCI registry at `/v2/`: a read-only pull-through proxy to the upstream registry named by
/// the first path segment. Clients sign in with a Gatehouse access token as the password
/// (`docker login` / `skopeo login`), get a short-lived repository-scoped token from
/// `/v2/token`, and every manifest, blob, tag list or referrers request is `image.pull` on
/// `registry/repository[:tag][@digest]`, decided by the policy and recorded with the digest.
struct RegistryRoutes: Sendable {
    let spine: Spine
    let proxy: RegistryProxy
    let tokens: SealedHandle
    let signatures: SignatureGate
    let hardening: HardeningGate
    let attestations: AttestationGate
    let scanPolicies: ScanPolicyGate
    let scans: ImageScans
    let fileIO = FileIO()

    /// Longest `Authorization` value read (registry tokens name their repositories).
    static let maxAuthorization = 8192
    /// Most repositories in one registry token.
    static let maxScopes = 16

    func register(on router: Router<some RequestContext>) {
        let v2 = router.group("/v2").add(middleware: RegistryErrorMiddleware(config: spine.config))
        v2.get { request, _ in try await base(request) }
        v2.get("token") { request, _ in try await token(request) }
        v2.get("**") { request, context in try await pull(request, context: context, head: false) }
        v2.head("**") { request, context in try await pull(request, context: context, head: true) }
        for method in [HTTPRequest.Method.post, .put, .patch, .delete] {
            v2.on("**", method: method) { _, _ -> Response in
                throw GatehouseError(
                    .ociUnsupported,
                    "Gatehouse's registry is a read-only pull-through proxy: push to the upstream registry itself")
            }
        }
    }

    /// `GET /v2/`: 200 for a valid token, else the challenge that leads to `/v2/token`.
    private func base(_ request: Request) async throws -> Response {
        _ = try await caller(request, for: nil)
        var response = JSONBody.response(EmptyObject())
        response.headers[HTTPField.Name("Docker-Distribution-API-Version")!] = "registry/2.0"
        return response
    }

    // MARK: Pulls

    private func pull(_ request: Request, context: some RequestContext, head: Bool) async throws -> Response {
        let path = try RegistryPath(String(request.uri.path.dropFirst("/v2/".count)))
        let caller = try await caller(request, for: path.repository)
        var spineRequest = Spine.Request(
            authorization: nil, traceparent: request.headers[HTTPField.Name("traceparent")!],
            action: Action(.imagePull, resource: Self.resource(path)))
        spineRequest.payload = PayloadDigest(parameters: ["method": head ? "HEAD" : "GET"])
        let classCheck = spine.imageClassRefusal(caller, path.repository)
        switch path {
        case .manifest(let repository, let reference):
            // A tag pull is recorded with the digest it resolved to.
            let recorded: (Manifest) -> String = { manifest in
                guard case .tag(let tag) = reference else { return Self.resource(path) }
                return "\(repository):\(tag)@\(manifest.digest)"
            }
            // A manifest GET is an image pull (HEAD only asks whether it changed).
            let counted: PullMetrics.Kind? = head ? nil : .image
            let manifest = try await PullMetrics.counted(counted) {
                try await spine.authorize(
                    caller, spineRequest, recorded: recorded,
                    perform: { _, _ in
                        if let refusal = classCheck { throw refusal }
                        let manifest = try await spine.telemetry.span("registry.fetch", kind: .client) { note in
                            note.set("gatehouse.registry.repository", repository.description)
                            return try await proxy.manifest(repository, reference, accept: Self.accepted(request))
                        }
                        try await signatures.check(manifest, reference, in: repository)
                        try await hardening.check(manifest, in: repository)
                        try await attestations.check(manifest, in: repository)
                        try await scanPolicies.check(manifest, in: repository, for: caller.principal)
                        return manifest
                    })
            }
            if spine.config.loaded.config.scan.background { scans.enqueue(manifest, in: repository) }
            return Self.manifestResponse(manifest, head: head)
        case .blob(let repository, let digest):
            let file = try await spine.authorize(caller, spineRequest) { _, _ in
                try await spine.telemetry.span("registry.fetch", kind: .client) { note in
                    note.set("gatehouse.registry.repository", repository.description)
                    return try await proxy.blob(repository, digest)
                }
            }
            return try await blobResponse(file, digest: digest, request: request, context: context, head: head)
        case .tags(let repository):
            let (body, link) = try await spine.authorize(caller, spineRequest) { _, _ in
                if let refusal = classCheck { throw refusal }
                return try await proxy.tagList(repository, query: request.uri.query ?? "")
            }
            var response = Self.json(body, type: "application/json", head: head)
            if let link, link.utf8.count <= 2048 {
                response.headers[HTTPField.Name("Link")!] = Self.rewrittenLink(link, repository)
            }
            return response
        case .referrers(let repository, let digest):
            let artifactType = request.uri.queryParameters.get("artifactType").map { String($0) }
            let body = try await spine.authorize(caller, spineRequest) { _, _ in
                if let refusal = classCheck { throw refusal }
                return try await proxy.referrers(repository, digest, artifactType: artifactType)
            }
            return Self.json(body, type: MediaTypes.ociIndex, head: head)
        }
    }

    /// The caller from a registry token (which must cover `repository`) or an access token.
    /// A missing or bad credential is recorded, then answered with the challenge.
    private func caller(_ request: Request, for repository: Repository?) async throws -> Caller {
        let now = WallClock.nowMicros()
        do {
            let header = request.headers[.authorization]
            guard let header, header.utf8.count <= Self.maxAuthorization, header.lowercased().hasPrefix("bearer ")
            else {
                throw GatehouseError(.unauthenticated, "sign in with docker login or skopeo login first")
            }
            let presented = String(header.dropFirst("bearer ".count))
            if let sealed = try? tokens.open(presented, as: RegistryToken.self) {
                if let repository, !sealed.allows(repository, nowSeconds: now / 1_000_000) {
                    throw GatehouseError(
                        .unauthenticated, "the registry token has expired or does not cover \(repository)")
                }
                guard sealed.exp > now / 1_000_000 else {
                    throw GatehouseError(.unauthenticated, "the registry token has expired")
                }
                return try await spine.authenticator.authenticate(tokenID: sealed.tid, nowMicros: now)
            }
            return try await spine.authenticator.authenticate(authorization: header, nowMicros: now)
        } catch let error as GatehouseError where error.code == .unauthenticated {
            // The first, anonymous `GET /v2/` of every pull is the protocol's probe, not a refusal.
            if repository != nil || request.headers[.authorization] != nil {
                try await spine.refuseUnidentified(
                    action: AuditEvent.authenticateAction, resource: repository?.description ?? "registry",
                    reason: error.message,
                    traceID: TraceID.from(traceparent: request.headers[HTTPField.Name("traceparent")!])
                        ?? TraceID.random())
            }
            throw error
        }
    }

    struct EmptyObject: Encodable {}
}
