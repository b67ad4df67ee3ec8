import Crypto
import GatehouseCore
import GatehouseStore
import HTTPTypes
import Hummingbird

/// The admin API: who am I, audit query and audit verification. Every route goes through
/// the ``Spine``.
struct AdminRoutes: Sendable {
    let spine: Spine
    let store: any GatehouseStore
    let verifier: AuditVerifierSource

    func register(on router: Router<some RequestContext>) {
        let api = router.group("/api/v1")
        api.get("/whoami") { request, _ -> Response in
            try await spine.handle(Self.spineRequest(request, .whoami, resource: "/api/v1/whoami")) {
                caller, decision in
                JSONBody.response(WhoamiBody(principal: caller.principal, decision: decision))
            }
        }
        api.get("/audit") { request, _ -> Response in
            let parameters = Dictionary(
                request.uri.queryParameters.map { (String($0.key), String($0.value)) },
                uniquingKeysWith: { first, _ in first })
            var spineRequest = Self.spineRequest(request, .auditRead, resource: "/api/v1/audit")
            spineRequest.payload = PayloadDigest(parameters: parameters)
            return try await spine.handle(spineRequest) { _, _ in
                let query = try AuditQueryParameters.parse(parameters, nowMicros: WallClock.nowMicros())
                let records = try await store.queryAudit(query)
                return JSONBody.response(AuditPage(records: records.map(AuditRecordBody.init)))
            }
        }
        api.get("/audit/verify") { request, _ -> Response in
            try await spine.handle(Self.spineRequest(request, .auditVerify, resource: "/api/v1/audit/verify")) { _, _ in
                let report = try await verifier.verify(store: store)
                return JSONBody.response(VerifyBody(report))
            }
        }
    }

    /// The spine request for a route. The resource is the route's own path, never the
    /// client's spelling of it (`//api/v1//audit/` reaches the same handler).
    static func spineRequest(_ request: Request, _ kind: ActionKind, resource: String) -> Spine.Request {
        let safe = request.method == .get || request.method == .head
        return Spine.Request(
            authorization: request.headers[.authorization],
            sessionCookie: safe ? request.cookies[BrowserLoginRoutes.sessionCookie]?.value : nil,
            traceparent: request.headers[HTTPField.Name("traceparent")!],
            action: Action(kind, resource: resource))
    }
}

/// Where the server's verification gets its trusted key and mirrored checkpoint.
struct AuditVerifierSource: Sendable {
    let publicKey: Curve25519.Signing.PublicKey
    let dataDir: String

    func verify(store: any GatehouseStore) async throws -> AuditChainVerifier.Report {
        try await AuditVerification.verify(store: store, trustedKeys: [publicKey], dataDir: dataDir)
    }
}
