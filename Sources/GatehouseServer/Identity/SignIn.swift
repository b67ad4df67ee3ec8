import GatehouseCore
import GatehouseIdentity
import GatehouseStore

/// What both sign-in flows (browser and CLI) end in: the person the provider vouched for is
/// decided as `identity.login` by the policy and given a Gatehouse credential; a sign-in that
/// fails at the provider is recorded as a refusal. One path, so the flows cannot drift apart.
struct SignIn: Sendable {
    let spine: Spine
    let store: any GatehouseStore
    let identity: IdentityConfig

    /// Runs `verify` (the exchange with the provider), then admits the person with a credential
    /// of `authMethod` that lasts `identity.session_ttl`. Returns the record and its secret.
    func admit(
        resource: String, traceparent: String?, authMethod: Principal.AuthMethod, name: String,
        verify: () async throws -> VerifiedIDToken
    ) async throws -> (record: AccessTokenRecord, secret: String) {
        let verified: VerifiedIDToken
        do {
            verified = try await verify()
        } catch let error as GatehouseError where error.code == .unauthenticated || error.code == .badRequest {
            try await spine.refuseUnidentified(
                action: ActionKind.login.rawValue, resource: resource, reason: error.message,
                traceID: TraceID.from(traceparent: traceparent) ?? TraceID.random())
            throw error
        }
        var principal = verified.principal
        do {
            let user = try await UserLinker(store: store, identity: identity).user(for: verified)
            principal.groups = try await Authenticator.groups(of: user, store: store, scimEnabled: identity.scimEnabled)
        } catch let error as GatehouseError where error.code == .forbidden {
            try await spine.refuse(
                principal, action: .login, resource: resource, reason: error.message, rule: "directory",
                traceID: TraceID.from(traceparent: traceparent) ?? TraceID.random())
            throw error
        }
        let caller = Caller(principal: principal, token: nil, scopes: .unrestricted)
        let request = Spine.Request(
            authorization: nil, traceparent: traceparent, action: Action(.login, resource: resource))
        return try await spine.authorize(caller, request) { caller, _ in
            try EmailDomains.check(verified.email, allowed: identity.oidc?.allowedEmailDomains ?? [])
            var principal = caller.principal
            principal.authMethod = authMethod
            let secret = TokenGenerator.secret()
            let now = WallClock.nowMicros()
            let record = AccessTokenRecord(
                id: TokenGenerator.id(), tokenHash: Authenticator.hash(secret), name: name, principal: principal,
                createdMicros: now, expiresMicros: now + identity.sessionTTLMicros)
            try await store.insertToken(record)
            return (record, secret)
        }
    }
}

/// `allowed_email_domains`: when set, only verified addresses in those domains sign in.
enum EmailDomains {
    static func check(_ email: String?, allowed: [String]) throws {
        guard !allowed.isEmpty else { return }
        guard let email, let at = email.lastIndex(of: "@"),
            allowed.contains(String(email[email.index(after: at)...]).lowercased())
        else { throw GatehouseError(.forbidden, "this email domain may not sign in to Gatehouse") }
    }
}
