import Crypto
import GatehouseCore
import GatehouseStore
import Synchronization

/// Who is calling: the principal, the token it presented, and what that token is limited to.
struct Caller: Sendable {
    let principal: Principal
    /// The access token presented; nil for a caller verified by the identity provider.
    let token: AccessTokenRecord?
    let scopes: ScopeSet
}

/// Turns an `Authorization: Bearer` header into a verified ``Principal``.
///
/// Hostile input is refused before any lookup: empty, overlong, non-ASCII or control
/// characters. No message ever contains the token.
struct Authenticator: Sendable {
    /// Tokens longer than this are refused without hashing.
    static let maxTokenLength = 512
    /// Last-use times are written at most this often per token.
    static let touchInterval: Int64 = 60_000_000

    let store: any GatehouseStore

    /// The caller for `authorization`, or an ``GatehouseError/Code/unauthenticated`` error.
    func authenticate(authorization: String?, nowMicros: Int64) async throws -> Caller {
        let token = try Self.bearerToken(authorization)
        let hash = Self.hash(token)
        guard let record = try await store.token(hash: hash), record.revokedMicros == nil else {
            throw GatehouseError(.unauthenticated, "unknown or revoked token")
        }
        guard record.isUsable(atMicros: nowMicros) else {
            throw GatehouseError(.unauthenticated, "the token has expired")
        }
        if nowMicros - (record.lastUsedMicros ?? 0) > Self.touchInterval {
            try? await store.touchToken(id: record.id, atMicros: nowMicros)
        }
        // A token whose stored scopes no longer parse (an action was removed) is refused
        // rather than widened.
        guard let scopes = try? ScopeSet(record.scopes) else {
            throw GatehouseError(.unauthenticated, "the token's scopes are no longer valid; create a new token")
        }
        return Caller(principal: record.principal, token: record, scopes: scopes)
    }

    /// Extracts and validates the bearer token from a header value.
    static func bearerToken(_ authorization: String?) throws -> String {
        guard let header = authorization else {
            throw GatehouseError(.unauthenticated, "missing Authorization: Bearer token")
        }
        guard header.utf8.count <= maxTokenLength + 16 else {
            throw GatehouseError(.unauthenticated, "the bearer token is too long")
        }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard let scheme = parts.first, scheme.lowercased() == "bearer" else {
            throw GatehouseError(.unauthenticated, "the Authorization header must use the Bearer scheme")
        }
        let token = parts.count == 2 ? parts[1].trimmingSpaces : ""
        guard !token.isEmpty else {
            throw GatehouseError(.unauthenticated, "the bearer token is empty")
        }
        guard token.utf8.count <= maxTokenLength else {
            throw GatehouseError(.unauthenticated, "the bearer token is too long")
        }
        guard token.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7f }) else {
            throw GatehouseError(.unauthenticated, "the bearer token contains invalid characters")
        }
        return token
    }

    /// SHA-256 of a token, hex: the only form in which tokens are stored.
    static func hash(_ token: String) -> String {
        Hex.encode(SHA256.hash(data: Array(token.utf8)))
    }
}

extension Substring {
    fileprivate var trimmingSpaces: String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
