import Crypto
import GatehouseCore
import GatehouseStore
import Logging

/// Creates the local administrator's access token on first start with an empty store.
///
/// The token is taken from `bootstrap.admin_token` (e.g. `env:GATEHOUSE_ADMIN_TOKEN`) when
/// that resolves, else generated and printed once. Only its hash is stored.
struct AdminBootstrap: Sendable {
    let store: any GatehouseStore
    let audit: AuditLog
    let secrets: SecretResolver
    let logger: Logger
    /// Where a generated token is shown, once.
    let announce: @Sendable (String) -> Void

    /// The shortest administrator token accepted from the environment.
    static let minimumLength = 24

    func run(config: GatehouseConfig) async throws {
        guard try await store.tokenCount(authMethod: .localAdmin) == 0 else { return }
        var token: String
        var generated = false
        let reference = config.bootstrap.adminToken ?? .env("GATEHOUSE_ADMIN_TOKEN")
        do {
            token = try secrets.resolve(reference)
        } catch {
            // An unset variable means "generate one"; an unreadable file is a mistake.
            guard case .env = reference else { throw error }
            token = TokenGenerator.secret()
            generated = true
        }
        do {
            // Stored as the authenticator will see it: trimmed of surrounding spaces.
            token = try Authenticator.bearerToken("Bearer " + token)
        } catch {
            throw GatehouseError(
                .invalidConfig, "the bootstrap admin token from \(reference) is not usable: \(error)")
        }
        guard token.utf8.count >= Self.minimumLength else {
            throw GatehouseError(
                .invalidConfig,
                "the bootstrap admin token must be at least \(Self.minimumLength) characters")
        }
        let principal = Principal(
            issuer: Principal.localIssuer, subject: "admin", groups: config.bootstrap.adminGroups,
            authMethod: .localAdmin, displayName: "local administrator")
        let now = WallClock.nowMicros()
        let record = AccessTokenRecord(
            id: TokenGenerator.id(),
            tokenHash: Authenticator.hash(token), name: "bootstrap admin", principal: principal,
            createdMicros: now)
        do {
            try await store.insertToken(record)
        } catch {
            // Another replica bootstrapped the same token first: that is the same outcome.
            guard try await store.token(hash: record.tokenHash) != nil else { throw error }
            return
        }
        // Shown as soon as it is stored, so a failure below cannot leave an administrator token
        // nobody has seen.
        if generated {
            announce(token)
        } else {
            logger.notice("bootstrap admin token taken from \(reference)")
        }
        token = ""
        try await audit.append(
            AuditEvent(
                timeMicros: now, principal: Spine.systemPrincipal,
                action: ActionKind.tokenCreate.rawValue, resource: record.id,
                decision: Decision(
                    effect: .allow, rule: "bootstrap", reason: "first start with an empty store"),
                outcome: "ok", durationMicros: 0, traceID: TraceID.random()))
    }
}
