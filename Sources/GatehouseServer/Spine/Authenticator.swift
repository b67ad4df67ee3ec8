import Crypto
import GatehouseCore
import GatehouseStore
import Synchronization

/// Who is calling: the principal, the token it presented, and what that token is limited to.
struct Caller: Sendable {
    let principal: Principal
    /// The access token presented; nil for a caller verified by the identity provider.
    private(set) var token: AccessTokenRecord?
    let scopes: ScopeSet

    init(principal: Principal, token: AccessTokenRecord?, scopes: ScopeSet) {
        self.principal = principal
        self.token = token
        self.scopes = scopes
    }

    /// Records that the token was marked used at `micros`.
    mutating func markUsed(atMicros micros: Int64) {
        token?.lastUsedMicros = micros
    }
}

/// Turns an `Authorization: Bearer` header into a verified ``Principal``.
///
/// Hostile input is refused before any lookup: empty, overlong, non-ASCII or control
/// characters. No message ever contains the token.
///
/// A token's caller is kept for a second (``CallerCache``): revocations and directory changes
/// made through this replica take effect at once, those made through another replica within
/// ``cacheLifetime``. Expiry is checked on every request.
struct Authenticator: Sendable {
    /// Tokens longer than this are refused without hashing.
    static let maxTokenLength = 512
    /// Last-use times are written at most this often per token.
    static let touchInterval: Int64 = 60_000_000
    /// How long a token's caller is reused at most.
    static let cacheLifetime: Duration = .seconds(1)

    let store: any GatehouseStore
    /// Whether SCIM provisions groups; when it does, a person's groups are their SCIM
    /// memberships, otherwise the groups the provider's claim named at their last sign-in.
    var scimEnabled = false
    /// Callers of recently presented tokens.
    let cache: CallerCache

    init(store: any GatehouseStore, scimEnabled: Bool = false, cacheLifetime: Duration = Self.cacheLifetime) {
        self.store = store
        self.scimEnabled = scimEnabled
        self.cache = CallerCache(lifetime: cacheLifetime)
    }

    /// The caller for `authorization`, or an ``GatehouseError/Code/unauthenticated`` error.
    func authenticate(authorization: String?, nowMicros: Int64) async throws -> Caller {
        let hash = Self.hash(try Self.bearerToken(authorization))
        // The generation is read before the lookups, so a change committed while they run
        // leaves the entry stale rather than kept.
        let generation = store.identityGeneration.current
        let now = ContinuousClock.now
        if let kept = cache.caller(hash, generation: generation, now: now), let token = kept.token {
            let admitted = try await admitted(token, nowMicros: nowMicros)
            if admitted.lastUsedMicros != token.lastUsedMicros { cache.touched(hash, atMicros: nowMicros) }
            return kept
        }
        let caller = try await caller(for: try await store.token(hash: hash), nowMicros: nowMicros)
        cache.keep(caller, for: hash, generation: generation, now: now)
        return caller
    }

    /// The caller of the access token with id `tokenID` (named inside a registry token, which
    /// was verified already): the same checks, so revoking the access token ends it at once.
    func authenticate(tokenID: String, nowMicros: Int64) async throws -> Caller {
        try await caller(for: try await store.token(id: tokenID), nowMicros: nowMicros)
    }

    /// Refuses a missing, revoked or expired token; marks it used when its last mark is older
    /// than ``touchInterval`` and returns it so marked.
    private func admitted(_ found: AccessTokenRecord?, nowMicros: Int64) async throws -> AccessTokenRecord {
        guard var record = found, record.revokedMicros == nil else {
            throw GatehouseError(.unauthenticated, "unknown or revoked token")
        }
        guard record.isUsable(atMicros: nowMicros) else {
            throw GatehouseError(.unauthenticated, "the token has expired")
        }
        if nowMicros - (record.lastUsedMicros ?? 0) > Self.touchInterval {
            try? await store.touchToken(id: record.id, atMicros: nowMicros)
            record.lastUsedMicros = nowMicros
        }
        return record
    }

    private func caller(for found: AccessTokenRecord?, nowMicros: Int64) async throws -> Caller {
        let record = try await admitted(found, nowMicros: nowMicros)
        // A token whose stored scopes no longer parse (an action was removed) is refused
        // rather than widened.
        guard let scopes = try? ScopeSet(record.scopes) else {
            throw GatehouseError(.unauthenticated, "the token's scopes are no longer valid; create a new token")
        }
        return Caller(principal: try await current(record.principal), token: record, scopes: scopes)
    }

    /// A person from the identity provider as the directory knows them now: refused once
    /// deprovisioned or deleted, with today's groups rather than those of the day the token was
    /// made. Local principals (the bootstrap administrator) are not in the directory.
    func current(_ principal: Principal) async throws -> Principal {
        guard principal.issuer != Principal.localIssuer else { return principal }
        let link = DirectoryUser.Link(issuer: principal.issuer, subject: principal.subject)
        guard let user = try await store.users(.linked(link)).first else {
            throw GatehouseError(.unauthenticated, "this person is no longer provisioned in Gatehouse")
        }
        guard user.active else {
            throw GatehouseError(.unauthenticated, "this person's access has been deactivated")
        }
        var updated = principal
        updated.groups = try await Self.groups(of: user, store: store, scimEnabled: scimEnabled)
        return updated
    }

    /// A user's groups: SCIM memberships when SCIM is enabled, else the last claimed ones.
    static func groups(of user: DirectoryUser, store: any GatehouseStore, scimEnabled: Bool) async throws -> [String] {
        guard scimEnabled else { return Array(Set(user.claimGroups)).sorted() }
        return Array(Set(try await store.groups(.member(user.id)).map(\.displayName))).sorted()
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
    /// Without leading and trailing spaces, by bytes (the generic reversed-collection version
    /// cost a few percent of a model request's CPU).
    fileprivate var trimmingSpaces: String {
        let bytes = utf8
        guard let first = bytes.firstIndex(where: { $0 != UInt8(ascii: " ") }),
            let last = bytes.lastIndex(where: { $0 != UInt8(ascii: " ") })
        else { return "" }
        return String(decoding: bytes[first...last], as: UTF8.self)
    }
}
