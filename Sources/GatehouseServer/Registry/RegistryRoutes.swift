import Foundation
import GatehouseCore
import GatehouseIdentity
import GatehouseRegistry
import HTTPTypes
import Hummingbird
import NIOCore

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

    // MARK: Token endpoint

    private func token(_ request: Request) async throws -> Response {
        let accessToken = try Self.presentedAccessToken(request.headers[.authorization])
        let scopes = request.uri.queryParameters.getAll("scope").map { String($0) }
        let repositories = try RegistryToken.pullScopes(scopes)
        guard repositories.count <= Self.maxScopes else {
            throw GatehouseError(.badRequest, "at most \(Self.maxScopes) repositories per registry token")
        }
        var spineRequest = Spine.Request(
            authorization: "Bearer " + accessToken, traceparent: request.headers[HTTPField.Name("traceparent")!],
            action: Action(.login, resource: "registry"))
        spineRequest.payload = PayloadDigest(parameters: ["repositories": repositories.joined(separator: " ")])
        let lifetime = spine.config.loaded.config.registry.tokenTTLSeconds
        return try await spine.handle(spineRequest) { caller, _ in
            guard let id = caller.token?.id else {
                throw GatehouseError(.unauthenticated, "the registry accepts Gatehouse access tokens only")
            }
            let now = Int64(Date().timeIntervalSince1970)
            let sealed = try tokens.seal(RegistryToken(tid: id, repos: repositories, exp: now + Int64(lifetime)))
            return JSONBody.response(
                TokenBody(
                    token: sealed, accessToken: sealed, expiresIn: lifetime,
                    issuedAt: ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: TimeInterval(now)))))
        }
    }

    /// The access token from `Basic user:TOKEN` (what `docker login` sends) or `Bearer TOKEN`.
    static func presentedAccessToken(_ header: String?) throws(GatehouseError) -> String {
        guard let header, header.utf8.count <= maxAuthorization else {
            throw GatehouseError(.unauthenticated, "sign in with a Gatehouse access token as the password")
        }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2 else { throw GatehouseError(.unauthenticated, "malformed Authorization header") }
        switch parts[0].lowercased() {
        case "bearer": return String(parts[1])
        case "basic":
            guard let decoded = Data(base64Encoded: String(parts[1])),
                let text = String(data: decoded, encoding: .utf8),
                let colon = text.firstIndex(of: ":")
            else { throw GatehouseError(.unauthenticated, "malformed basic credentials") }
            return String(text[text.index(after: colon)...])
        default:
            throw GatehouseError(.unauthenticated, "use basic credentials with a Gatehouse access token as password")
        }
    }

    // MARK: Pulls

    private func pull(_ request: Request, context: some RequestContext, head: Bool) async throws -> Response {
        let path = try RegistryPath(String(request.uri.path.dropFirst("/v2/".count)))
        let caller = try await caller(request, for: path.repository)
        var spineRequest = Spine.Request(
            authorization: nil, traceparent: request.headers[HTTPField.Name("traceparent")!],
            action: Action(.imagePull, resource: Self.resource(path)))
        spineRequest.payload = PayloadDigest(parameters: ["method": head ? "HEAD" : "GET"])
        let classCheck = classRefusal(caller, path.repository)
        switch path {
        case .manifest(let repository, let reference):
            // A tag pull is recorded with the digest it resolved to.
            let recorded: (Manifest) -> String = { manifest in
                guard case .tag(let tag) = reference else { return Self.resource(path) }
                return "\(repository):\(tag)@\(manifest.digest)"
            }
            let manifest = try await spine.authorize(
                caller, spineRequest, recorded: recorded,
                perform: { _, _ in
                    if let refusal = classCheck { throw refusal }
                    let manifest = try await proxy.manifest(repository, reference, accept: Self.accepted(request))
                    try await signatures.check(manifest, reference, in: repository)
                    try await hardening.check(manifest, in: repository)
                    try await attestations.check(manifest, in: repository)
                    return manifest
                })
            return Self.manifestResponse(manifest, head: head)
        case .blob(let repository, let digest):
            let file = try await spine.authorize(caller, spineRequest) { _, _ in
                try await proxy.blob(repository, digest)
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

    /// When image classes are defined, the repository's class must be allowed too: `image.pull`
    /// on `class:NAME`, decided by the same policy; a denial is that rule's refusal.
    private func classRefusal(_ caller: Caller, _ repository: Repository) -> Spine.Refusal? {
        guard let name = spine.config.loaded.config.registry.imageClass(of: repository.description) else { return nil }
        let decision = spine.config.policy.decide(
            caller.principal, Action(.imagePull, resource: "class:" + name), scopes: caller.scopes)
        guard !decision.isAllowed else { return nil }
        return Spine.Refusal(
            rule: decision.rule, reason: "\(repository) is in the image class \(name): \(decision.reason)")
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
                    reason: error.message, traceID: TraceID.random())
            }
            throw error
        }
    }

    // MARK: Responses

    static func resource(_ path: RegistryPath) -> String {
        switch path {
        case .manifest(let repository, .tag(let tag)): "\(repository):\(tag)"
        case .manifest(let repository, .digest(let digest)): "\(repository)@\(digest)"
        case .blob(let repository, let digest), .referrers(let repository, let digest): "\(repository)@\(digest)"
        case .tags(let repository): repository.description
        }
    }

    /// The client's `Accept` list, every value, without parameters.
    static func accepted(_ request: Request) -> [String] {
        request.headers[values: .accept].flatMap { $0.split(separator: ",") }.compactMap {
            let type = $0.split(separator: ";").first?.trimmingCharacters(in: .whitespaces) ?? ""
            return type.isEmpty || type.utf8.count > 200 ? nil : type
        }
    }

    static func manifestResponse(_ manifest: Manifest, head: Bool) -> Response {
        var response = json(manifest.bytes, type: manifest.mediaType, head: head)
        response.headers[HTTPField.Name("Docker-Content-Digest")!] = manifest.digest.description
        return response
    }

    static func json(_ body: Data, type: String, head: Bool) -> Response {
        var headers: HTTPFields = [.contentType: type, .contentLength: String(body.count)]
        headers[HTTPField.Name("Docker-Distribution-API-Version")!] = "registry/2.0"
        return Response(
            status: .ok, headers: headers, body: head ? .init() : .init(byteBuffer: ByteBuffer(bytes: body)))
    }

    private func blobResponse(
        _ file: String, digest: Digest, request: Request, context: some RequestContext, head: Bool
    ) async throws -> Response {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: file),
            let size = (attributes[.size] as? NSNumber)?.intValue
        else { throw GatehouseError(.ociBlobUnknown, "the blob \(digest) left the cache") }
        var headers: HTTPFields = [.contentType: "application/octet-stream", .acceptRanges: "bytes"]
        headers[HTTPField.Name("Docker-Content-Digest")!] = digest.description
        var status = HTTPResponse.Status.ok
        var range = size > 0 ? 0...(size - 1) : nil
        if let header = request.headers[.range] {
            guard let asked = Self.byteRange(header, size: size) else {
                headers[.contentRange] = "bytes */\(size)"
                throw GatehouseError(
                    .ociRangeInvalid, "the range \(header.prefix(60)) is not within the blob's \(size) bytes")
            }
            range = asked
            status = .partialContent
            headers[.contentRange] = "bytes \(asked.lowerBound)-\(asked.upperBound)/\(size)"
        }
        headers[.contentLength] = String(range.map { $0.count } ?? 0)
        guard !head, let range else { return Response(status: status, headers: headers) }
        let body = try await fileIO.loadFile(path: file, range: range, context: context)
        return Response(status: status, headers: headers, body: body)
    }

    /// `bytes=FIRST-LAST`, `bytes=FIRST-` or `bytes=-SUFFIX` (one range), within `size`.
    static func byteRange(_ header: String, size: Int) -> ClosedRange<Int>? {
        guard header.hasPrefix("bytes="), size > 0 else { return nil }
        let spec = header.dropFirst(6)
        guard !spec.contains(","), let dash = spec.firstIndex(of: "-") else { return nil }
        let first = spec[..<dash]
        let last = spec[spec.index(after: dash)...]
        if first.isEmpty {
            guard let suffix = Int(last), suffix > 0 else { return nil }
            return max(0, size - suffix)...(size - 1)
        }
        guard let start = Int(first), start >= 0, start < size else { return nil }
        guard let end = last.isEmpty ? size - 1 : Int(last), end >= start else { return nil }
        return start...min(end, size - 1)
    }

    /// An upstream `Link: </v2/ns/repo/tags/list?...>; rel="next"` pointed back at the proxy.
    static func rewrittenLink(_ link: String, _ repository: Repository) -> String {
        link.replacingOccurrences(of: "</v2/\(repository.path)/", with: "</v2/\(repository.proxyName)/")
    }

    struct TokenBody: Encodable {
        let token: String
        let accessToken: String
        let expiresIn: Int
        let issuedAt: String
        enum CodingKeys: String, CodingKey {
            case token
            case accessToken = "access_token"
            case expiresIn = "expires_in"
            case issuedAt = "issued_at"
        }
    }

    struct EmptyObject: Encodable {}
}
