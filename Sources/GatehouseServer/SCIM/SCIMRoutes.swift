import Foundation
import GatehouseCore
import GatehouseIdentity
import GatehouseStore
import HTTPTypes
import Hummingbird
import NIOCore

/// SCIM 2.0 at `/scim/v2`, for the identity provider's provisioning client. It authenticates
/// with its own bearer token (`identity.scim.token`) as the principal `gatehouse:local#scim` in
/// the groups of `identity.scim.groups`; every request is decided by the policy and audited
/// (`user.read`, `user.provision`, `user.deprovision`), each bulk operation on its own.
struct SCIMRoutes: Sendable {
    let spine: Spine
    let directory: SCIMDirectory
    /// The resolved SCIM bearer token.
    let token: String

    static let prefix = "/scim/v2"

    func register(on router: Router<some RequestContext>) {
        let scim = router.group(RouterPath(Self.prefix)).add(middleware: SCIMErrorMiddleware())
        registerDiscovery(on: scim)
        registerResources(on: scim)
        scim.post("Bulk") { request, _ -> Response in try await bulk(request) }
        scim.post(".search") { request, _ -> Response in
            let body = try await Self.body(request)
            return try await run(request, .userRead, resource: "scim:.search", body: body) { base in
                try await directory.searchAll(try Self.json(body), base: base)
            }
        }
        // Anything else under /scim/v2 is a SCIM 404 (after authentication, so the endpoint list
        // is not probed anonymously).
        for method in [HTTPRequest.Method.get, .post, .put, .patch, .delete] {
            scim.on("**", method: method) { request, _ -> Response in
                try await run(request, .userRead, resource: "scim:unknown") { _ in
                    throw GatehouseError(.notFound, "no SCIM endpoint at \(request.uri.path.prefix(200))")
                }
            }
        }
    }

    /// Authenticates, decides and records one request, then performs it.
    func run(
        _ request: Request, _ kind: ActionKind, resource: String, body: ByteBuffer? = nil,
        perform: @escaping (String) async throws -> SCIMResult
    ) async throws -> Response {
        let caller = try await authenticate(request, resource: resource)
        let base = try PublicURL.base(request, config: spine.config.loaded.config) + Self.prefix
        var spineRequest = Spine.Request(
            authorization: nil, traceparent: request.headers[HTTPField.Name("traceparent")!],
            action: Action(kind, resource: resource))
        spineRequest.payload = body.map { PayloadDigest(bytes: $0.readableBytesView) }
        let result = try await spine.authorize(caller, spineRequest) { _, _ in try await perform(base) }
        return SCIMResponse.make(result)
    }

    /// The SCIM client, or a recorded refusal.
    func authenticate(_ request: Request, resource: String) async throws -> Caller {
        do {
            let presented = try Authenticator.bearerToken(request.headers[.authorization])
            guard BrowserLoginRoutes.constantTimeEqual(presented, token) else {
                throw GatehouseError(.unauthenticated, "the SCIM bearer token is not valid")
            }
        } catch let error as GatehouseError {
            try await spine.refuseUnidentified(
                action: AuditEvent.authenticateAction, resource: resource, reason: error.message,
                traceID: TraceID.from(traceparent: request.headers[HTTPField.Name("traceparent")!]) ?? TraceID.random())
            throw error
        }
        let principal = Principal(
            issuer: Principal.localIssuer, subject: "scim", groups: spine.config.loaded.config.identity.scimGroups,
            authMethod: .scimBearer, displayName: "SCIM client")
        return Caller(principal: principal, token: nil, scopes: .unrestricted)
    }

    /// Reads a JSON body of at most ``SCIMLimits/maxBodyBytes``.
    static func body(_ request: Request) async throws -> ByteBuffer {
        var request = request
        do {
            return try await request.collectBody(upTo: SCIMLimits.maxBodyBytes)
        } catch {
            throw GatehouseError(.payloadTooLarge, "the request body is larger than \(SCIMLimits.maxBodyBytes) bytes")
        }
    }

    /// Parses a JSON body.
    static func json(_ buffer: ByteBuffer) throws -> SCIMJSON {
        guard buffer.readableBytes > 0 else { throw GatehouseError(.invalidSyntax, "the request body is empty") }
        do {
            return try JSONDecoder().decode(SCIMJSON.self, from: Data(buffer.readableBytesView))
        } catch {
            throw GatehouseError(.invalidSyntax, "the request body is not valid JSON")
        }
    }

    /// The request's preconditions.
    static func preconditions(_ request: Request) -> SCIMPreconditions {
        SCIMPreconditions(ifMatch: request.headers[.ifMatch], ifNoneMatch: request.headers[.ifNoneMatch])
    }

    /// The request's query parameters, decoded as forms are (`+` is a space, as some
    /// provisioning clients send it); the last value of a repeated name wins.
    static func parameters(_ request: Request) -> [String: String] {
        var out: [String: String] = [:]
        for pair in (request.uri.query ?? "").split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ text: Substring) -> String {
                let spaced = text.replacingOccurrences(of: "+", with: " ")
                return spaced.removingPercentEncoding ?? spaced
            }
            guard let name = parts.first else { continue }
            out[decode(name)] = parts.count == 2 ? decode(parts[1]) : ""
        }
        return out
    }
}
