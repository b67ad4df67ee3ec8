import Foundation
import GatehouseCore
import GatehouseStore
import Hummingbird
import NIOCore

/// Access tokens for people, CLIs and agents: create (shown once), list and revoke one's own.
/// Every call goes through the ``Spine`` with the resource `self`.
struct TokenRoutes: Sendable {
    let spine: Spine
    let store: any GatehouseStore

    /// The largest request body accepted.
    static let maxBody = 16 * 1024

    func register(on router: Router<some RequestContext>) {
        registerLogout(on: router)
        let tokens = router.group("/api/v1/tokens")
        tokens.post { request, _ -> Response in
            let body = try await Self.body(request)
            var spineRequest = AdminRoutes.spineRequest(request, .tokenCreate, resource: "self")
            spineRequest.payload = PayloadDigest(bytes: body.readableBytesView)
            return try await spine.handle(spineRequest) { caller, _ in
                let create = try TokenCreateRequest.parse(body)
                let (secret, record) = try TokenIssuer.issue(create, for: caller, nowMicros: WallClock.nowMicros())
                try await store.insertToken(record)
                return JSONBody.response(status: .created, TokenBody(record, secret: secret))
            }
        }
        tokens.get { request, _ -> Response in
            try await spine.handle(AdminRoutes.spineRequest(request, .tokenList, resource: "self")) { caller, _ in
                let records = try await store.tokens(
                    issuer: caller.principal.issuer, subject: caller.principal.subject)
                return JSONBody.response(TokenList(tokens: records.map { TokenBody($0, secret: nil) }))
            }
        }
        tokens.delete(":id") { request, context -> Response in
            let id = context.parameters.get("id") ?? ""
            var spineRequest = AdminRoutes.spineRequest(request, .tokenRevoke, resource: "self")
            spineRequest.payload = PayloadDigest(parameters: ["id": id])
            return try await spine.handle(spineRequest) { caller, _ in
                // Someone else's token is reported exactly like a missing one.
                guard let record = try await store.token(id: id), record.principal.key == caller.principal.key
                else { throw GatehouseError(.notFound, "no token \(id.prefix(40)) of yours") }
                if record.revokedMicros == nil {
                    _ = try await store.revokeToken(id: id, atMicros: WallClock.nowMicros())
                }
                return JSONBody.response(TokenBody(try await store.token(id: id) ?? record, secret: nil))
            }
        }
    }

    /// `POST /api/v1/logout`: revokes the token that made the request (`gatehouse logout`).
    func registerLogout(on router: Router<some RequestContext>) {
        router.post("/api/v1/logout") { request, _ -> Response in
            try await spine.handle(AdminRoutes.spineRequest(request, .logout, resource: "self")) { caller, _ in
                guard let token = caller.token else { throw GatehouseError(.badRequest, "no token to revoke") }
                _ = try await store.revokeToken(id: token.id, atMicros: WallClock.nowMicros())
                return JSONBody.response(TokenBody(try await store.token(id: token.id) ?? token, secret: nil))
            }
        }
    }

    static func body(_ request: Request) async throws -> ByteBuffer {
        var request = request
        do {
            return try await request.collectBody(upTo: maxBody)
        } catch {
            throw GatehouseError(.badRequest, "the request body must be JSON of at most \(maxBody) bytes")
        }
    }
}
