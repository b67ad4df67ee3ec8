import Foundation
import GatehouseCore
import NIOCore

/// `POST /api/v1/tokens` body: `{"name": "...", "ttl": "24h", "scopes": ["audit.read"]}`.
struct TokenCreateRequest: Sendable {
    let name: String
    let ttlMicros: Int64
    let scopes: ScopeSet

    private struct Wire: Decodable {
        let name: String
        let ttl: String?
        let scopes: [String]?
    }

    static func parse(_ body: ByteBuffer) throws -> TokenCreateRequest {
        let wire: Wire
        do {
            wire = try JSONDecoder().decode(Wire.self, from: Data(body.readableBytesView))
        } catch DecodingError.keyNotFound(let key, _) {
            throw GatehouseError(.badRequest, "missing \"\(key.stringValue)\"")
        } catch DecodingError.typeMismatch(_, let context) {
            let field = context.codingPath.map(\.stringValue).joined(separator: ".")
            throw GatehouseError(.badRequest, "\"\(field)\" has the wrong type")
        } catch {
            throw GatehouseError(.badRequest, "the body must be a JSON object with name, ttl and scopes")
        }
        return try validated(name: wire.name, ttl: wire.ttl, scopes: wire.scopes ?? [])
    }

    /// The request from its parts (JSON body or console form), each checked.
    static func validated(name: String, ttl: String?, scopes: [String]) throws -> TokenCreateRequest {
        let name = name.trimmingCharacters(in: .whitespaces)
        guard (1...100).contains(name.count), name.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7f })
        else { throw GatehouseError(.badRequest, "name must be 1 to 100 printable characters") }
        guard scopes.count <= 32 else { throw GatehouseError(.badRequest, "at most 32 scopes") }
        return TokenCreateRequest(
            name: name, ttlMicros: try TokenLifetime.micros(ttl ?? "24h"), scopes: try ScopeSet(scopes))
    }
}

/// Mints tokens that never exceed the credential that asked for them.
enum TokenIssuer {
    static func issue(_ request: TokenCreateRequest, for caller: Caller, nowMicros: Int64) throws -> (
        String, AccessTokenRecord
    ) {
        // A token that names no scopes inherits its creator's; it never gets more.
        let scopes = request.scopes.isUnrestricted ? caller.scopes : request.scopes
        guard caller.scopes.covers(scopes) else {
            throw GatehouseError(
                .forbidden, "a token limited to \(caller.scopes) cannot create a token with wider scopes")
        }
        let expires = nowMicros + request.ttlMicros
        if let limit = caller.token?.expiresMicros, expires > limit {
            throw GatehouseError(
                .badRequest,
                "ttl reaches past the expiry of the token used to create it (\(WallClock.rfc3339(micros: limit)))")
        }
        var principal = caller.principal
        principal.authMethod = .accessToken
        let secret = TokenGenerator.secret()
        let record = AccessTokenRecord(
            id: TokenGenerator.id(), tokenHash: Authenticator.hash(secret), name: request.name, principal: principal,
            scopes: scopes.patterns, createdMicros: nowMicros, expiresMicros: expires)
        return (secret, record)
    }
}

/// A token as the API shows it; the secret only in the response that creates it.
public struct TokenBody: Codable, Sendable {
    public let id: String
    public let name: String
    /// The secret, only in the response that creates the token.
    public let token: String?
    public let scopes: [String]
    public let createdAt: String
    public let expiresAt: String?
    public let lastUsedAt: String?
    public let revokedAt: String?

    init(_ record: AccessTokenRecord, secret: String?) {
        id = record.id
        name = record.name
        token = secret
        scopes = record.scopes
        createdAt = WallClock.rfc3339(micros: record.createdMicros)
        expiresAt = record.expiresMicros.map(WallClock.rfc3339(micros:))
        lastUsedAt = record.lastUsedMicros.map(WallClock.rfc3339(micros:))
        revokedAt = record.revokedMicros.map(WallClock.rfc3339(micros:))
    }

    enum CodingKeys: String, CodingKey {
        case id, name, token, scopes
        case createdAt = "created_at"
        case expiresAt = "expires_at"
        case lastUsedAt = "last_used_at"
        case revokedAt = "revoked_at"
    }
}

/// `GET /api/v1/tokens`.
public struct TokenList: Codable, Sendable {
    public let tokens: [TokenBody]
}
