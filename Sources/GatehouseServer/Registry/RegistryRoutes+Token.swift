import Foundation
import GatehouseCore
import GatehouseIdentity
import GatehouseRegistry
import HTTPTypes
import Hummingbird
import NIOCore

/// The token endpoint: `docker login` / `skopeo login` credentials in, a sealed registry token out.
extension RegistryRoutes {
    func token(_ request: Request) async throws -> Response {
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
}
