import Foundation
public import GatehouseCore
import JWTKit

/// Where the provider's JWKS comes from (an HTTPS fetch in production).
public protocol JWKSSource: Sendable {
    /// The JWKS document as JSON.
    func fetchJWKS() async throws -> String
}

/// Verifies OIDC ID tokens: signature with the provider's keys (refetched when an unknown
/// `kid` appears, at most once per `refetchInterval`), algorithm, `iss`, `aud`/`azp`, `exp`
/// and `iat` with a small skew, and `nonce`.
public actor IDTokenVerifier {
    private let issuer: String
    private let clientID: String
    private let groupsClaim: String
    private let source: any JWKSSource
    private let refetchInterval: Duration
    private let skewSeconds: Double
    private let now: @Sendable () -> Double
    private var keys = JWTKeyCollection()
    private var kids: Set<String> = []
    private var lastFetch: ContinuousClock.Instant?
    private var fetching: Task<Void, any Error>?

    /// Creates a verifier; `now` returns seconds since the epoch.
    public init(
        issuer: String, clientID: String, groupsClaim: String = "groups", source: any JWKSSource,
        refetchInterval: Duration = .seconds(60), skewSeconds: Double = 60,
        now: @escaping @Sendable () -> Double = { Double(WallClock.nowMicros()) / 1_000_000 }
    ) {
        self.issuer = issuer
        self.clientID = clientID
        self.groupsClaim = groupsClaim
        self.source = source
        self.refetchInterval = refetchInterval
        self.skewSeconds = skewSeconds
        self.now = now
    }

    /// Verifies `token`; `nonce` is the one sent with the authorization request.
    public func verify(_ token: String, nonce: String?) async throws(GatehouseError) -> VerifiedIDToken {
        let header = try JWTHeaderPeek.read(token)
        try await ensureKey(header.kid)
        let payload: IDTokenPayload
        do {
            payload = try await keys.verify(token, as: IDTokenPayload.self)
        } catch {
            throw GatehouseError(.unauthenticated, "the ID token's signature or claims are invalid")
        }
        try check(payload, nonce: nonce)
        let extra = claims(in: token)
        return VerifiedIDToken(
            issuer: payload.iss, subject: payload.sub, email: payload.email,
            emailVerified: payload.emailVerified ?? false, name: payload.name, groups: extra.groups,
            stringClaims: extra.strings)
    }

    private func check(_ payload: IDTokenPayload, nonce: String?) throws(GatehouseError) {
        let time = now()
        guard payload.iss == issuer else {
            throw GatehouseError(
                .unauthenticated, "the ID token was issued by \(payload.iss.prefix(100)), not \(issuer)")
        }
        guard payload.aud.value.contains(clientID) else {
            throw GatehouseError(.unauthenticated, "the ID token is not meant for this client")
        }
        if payload.aud.value.count > 1, payload.azp != clientID {
            throw GatehouseError(.unauthenticated, "the ID token has several audiences and another authorized party")
        }
        guard payload.exp > time - skewSeconds else {
            throw GatehouseError(.unauthenticated, "the ID token has expired")
        }
        guard payload.iat <= time + skewSeconds else {
            throw GatehouseError(.unauthenticated, "the ID token was issued in the future")
        }
        guard !payload.sub.isEmpty, payload.sub.utf8.count <= 255 else {
            throw GatehouseError(.unauthenticated, "the ID token's subject is empty or too long")
        }
        if let nonce, payload.nonce != nonce {
            throw GatehouseError(.unauthenticated, "the ID token's nonce does not match this sign-in")
        }
    }

    /// The configured groups claim (an array of strings, or one string; anything else is none)
    /// and every top-level string claim of at most 255 bytes.
    private func claims(in token: String) -> (groups: [String], strings: [String: String]) {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let data = Base64URL.decode(parts[1]),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { return ([], [:]) }
        var strings: [String: String] = [:]
        for (name, value) in object {
            if let text = value as? String, !text.isEmpty, text.utf8.count <= 255 { strings[name] = text }
        }
        var groups: [String] = []
        if let list = object[groupsClaim] as? [Any] {
            groups = list.compactMap { $0 as? String }.filter { !$0.isEmpty }
        } else if let single = object[groupsClaim] as? String, !single.isEmpty {
            groups = [single]
        }
        return (groups, strings)
    }

    /// Makes sure `kid` is known, refetching the JWKS at most once per interval.
    private func ensureKey(_ kid: String?) async throws(GatehouseError) {
        if let kid, kids.contains(kid) { return }
        if kid == nil, !kids.isEmpty { return }
        if let lastFetch, ContinuousClock.now - lastFetch < refetchInterval {
            throw GatehouseError(
                .unauthenticated,
                "the ID token is signed with an unknown key\(kid.map { " (\($0.prefix(64)))" } ?? ""); the provider's keys were fetched moments ago"
            )
        }
        do {
            try await refetch()
        } catch let error as GatehouseError {
            throw error
        } catch {
            throw GatehouseError(.unavailable, "the identity provider's keys could not be fetched")
        }
        if let kid, !kids.contains(kid) {
            throw GatehouseError(.unauthenticated, "the ID token is signed with an unknown key (\(kid.prefix(64)))")
        }
    }

    private func refetch() async throws {
        if let fetching { return try await fetching.value }
        let task = Task { try await self.load() }
        fetching = task
        defer { fetching = nil }
        try await task.value
    }

    private func load() async throws {
        lastFetch = .now
        let text = try await source.fetchJWKS()
        struct RawSet: Decodable { let keys: [SCIMJSON] }
        guard text.utf8.count <= 1 << 20, let raw = try? JSONDecoder().decode(RawSet.self, from: Data(text.utf8)) else {
            throw GatehouseError(.unavailable, "the identity provider's JWKS is not a valid JSON Web Key Set")
        }
        let collection = JWTKeyCollection()
        var loaded: Set<String> = []
        for member in raw.keys.prefix(64) {
            // A key that cannot be used (symmetric, unknown type, bad parameters) is skipped.
            guard let data = try? JSONEncoder().encode(member),
                let key = try? JSONDecoder().decode(JWK.self, from: data),
                let kid = key.keyIdentifier?.string, (try? await collection.add(jwk: key)) != nil
            else { continue }
            loaded.insert(kid)
        }
        guard !loaded.isEmpty else {
            throw GatehouseError(.unavailable, "the identity provider's JWKS has no usable signing keys")
        }
        keys = collection
        kids = loaded
    }
}
