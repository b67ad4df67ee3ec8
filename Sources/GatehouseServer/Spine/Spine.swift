import GatehouseCore
import GatehouseStore
import Logging
import Metrics

/// The one path every request follows: authenticate → Principal → Action → Policy.decide →
/// perform or refuse → Audit.append. Routes never decide or audit on their own.
struct Spine: Sendable {
    /// The principal recorded for what the server does on its own (bootstrap, reload).
    static let systemPrincipal = Principal(
        issuer: Principal.localIssuer, subject: "system", authMethod: .localAdmin,
        displayName: "gatehouse")

    let config: ConfigHolder
    let authenticator: Authenticator
    let audit: AuditLog
    let logger: Logger
    /// Spans of the spine's steps (authenticate, policy.decide, the action, audit.append).
    var telemetry: Telemetry = .off

    /// What one request asks for.
    struct Request: Sendable {
        var authorization: String?
        /// The browser session cookie; routes pass it only for safe methods (GET, HEAD), so a
        /// cross-site form cannot act with it.
        var sessionCookie: String? = nil
        var traceparent: String?
        var action: Action
        var payload: PayloadDigest?
    }

    /// Runs `perform` if the policy allows `request.action` for the caller; audits either way.
    /// The audit record is committed before this returns, so before the response is sent.
    func handle<T: Sendable>(
        _ request: Request, outcome: ((T) -> String)? = nil,
        perform: (Caller, Decision) async throws -> T
    ) async throws -> T {
        let started = ContinuousClock.now
        let traceID = TraceID.from(traceparent: request.traceparent) ?? TraceID.random()
        let caller = try await identify(request, started: started, traceID: traceID)
        return try await authorize(
            caller, request, started: started, traceID: traceID, outcome: outcome, perform: perform)
    }

    /// Authenticates the request's credential; a refusal is recorded (with the request's trace
    /// id) before it is thrown. Routes that must read a body to name the action call this first,
    /// so nobody unidentified gets as far as the body.
    func identify(
        _ request: Request, started: ContinuousClock.Instant = .now, traceID: String
    ) async throws -> Caller {
        do {
            return try await telemetry.span("authenticate") { note in
                let caller = try await authenticator.authenticate(
                    authorization: request.authorization ?? request.sessionCookie.map { "Bearer " + $0 },
                    nowMicros: WallClock.nowMicros())
                note.set("gatehouse.auth_method", caller.principal.authMethod.rawValue)
                return caller
            }
        } catch let error as GatehouseError where error.code == .unauthenticated {
            try await refuseUnidentified(
                action: AuditEvent.authenticateAction, resource: request.action.kind.rawValue, reason: error.message,
                started: started, traceID: traceID, payload: request.payload)
            throw error
        }
    }

    /// The spine for a caller already verified some other way (a sign-in through the identity
    /// provider, a registry token): decide, perform or refuse, record. `recorded` may name the
    /// resource more exactly once performed (a tag pull records the digest it resolved to);
    /// `outcome` may add what was done to the `ok` (a tool call's result size).
    func authorize<T: Sendable>(
        _ caller: Caller, _ request: Request, started: ContinuousClock.Instant = .now, traceID: String? = nil,
        recorded: ((T) -> String)? = nil, outcome: ((T) -> String)? = nil,
        perform: (Caller, Decision) async throws -> T
    ) async throws -> T {
        let traceID = traceID ?? TraceID.from(traceparent: request.traceparent) ?? TraceID.random()
        let principal = caller.principal
        let decision = try await telemetry.span("policy.decide") { note in
            let decision = config.policy.decide(principal, request.action, scopes: caller.scopes)
            note.set("gatehouse.action", request.action.kind.rawValue)
            note.set("gatehouse.decision", decision.effect.rawValue)
            note.set("gatehouse.rule", decision.rule)
            return decision
        }
        Counter(
            label: "gatehouse_policy_decisions_total",
            dimensions: [
                ("action", request.action.kind.rawValue), ("effect", decision.effect.rawValue),
            ]
        ).increment()
        guard decision.isAllowed else {
            try await record(
                principal, action: request.action.kind.rawValue, resource: request.action.resource,
                decision, outcome: "denied", started: started, traceID: traceID, payload: request.payload)
            throw GatehouseError(.forbidden, "\(decision.reason) (rule \(decision.rule))")
        }
        let result: T
        do {
            result = try await telemetry.span(request.action.kind.rawValue) { _ in try await perform(caller, decision) }
        } catch let refusal as Refusal {
            // A rule beyond the policy refused once the facts were known (an unsigned image):
            // recorded as that rule's denial, the one record of this request.
            try await record(
                principal, action: request.action.kind.rawValue, resource: refusal.resource ?? request.action.resource,
                Decision(effect: .deny, rule: refusal.rule, reason: refusal.reason), outcome: "denied",
                started: started, traceID: traceID, payload: request.payload)
            throw GatehouseError(refusal.code, "\(refusal.reason) (rule \(refusal.rule))")
        } catch {
            let code = (error as? GatehouseError)?.code ?? .internal
            try await record(
                principal, action: request.action.kind.rawValue, resource: request.action.resource,
                decision, outcome: "error:\(code)", started: started, traceID: traceID,
                payload: request.payload)
            throw error
        }
        // Exactly one record per request: a failure here withholds the response, it does not
        // add a second record claiming the action failed.
        try await record(
            principal, action: request.action.kind.rawValue, resource: recorded?(result) ?? request.action.resource,
            decision, outcome: outcome?(result) ?? "ok", started: started, traceID: traceID, payload: request.payload)
        return result
    }

    /// Thrown from `perform` when a rule outside the policy refuses on facts found while
    /// performing (a signature requirement): recorded as a denial by that rule.
    struct Refusal: Error {
        let rule: String
        let reason: String
        /// The resource to record, when more exact than the request's.
        var resource: String?
        /// The error the caller gets (a spent budget is `budget_exceeded`, a full rate window
        /// `rate_limited`); `forbidden` by default.
        var code: GatehouseError.Code = .forbidden
    }

    /// Records an attempt refused before anyone could be identified: a missing or bad credential,
    /// a failed sign-in at the identity provider.
    func refuseUnidentified(
        action: String, resource: String, reason: String, started: ContinuousClock.Instant = .now, traceID: String,
        payload: PayloadDigest? = nil
    ) async throws {
        let refusal = Decision(effect: .deny, rule: "authentication", reason: reason)
        try await record(
            .anonymous, action: action, resource: resource, refusal, outcome: "denied", started: started,
            traceID: traceID, payload: payload)
    }

    /// Records an action of a known principal allowed by a rule outside the policy (a tool
    /// server's egress to a host its catalog entry allows).
    func allowByRule(
        _ principal: Principal, action: ActionKind, resource: String, reason: String, rule: String, traceID: String
    ) async throws {
        try await record(
            principal, action: action.rawValue, resource: resource,
            Decision(effect: .allow, rule: rule, reason: reason),
            outcome: "ok", started: .now, traceID: traceID, payload: nil)
    }

    /// Records what an allowed action came to once it finished after its response began (a
    /// streamed model answer's tokens and cost), under the request's trace id.
    func recordFinished(
        _ principal: Principal, action: ActionKind, resource: String, rule: String, outcome: String, traceID: String
    ) async throws {
        try await record(
            principal, action: action.rawValue, resource: resource,
            Decision(effect: .allow, rule: rule, reason: "the streamed answer finished"), outcome: outcome,
            started: .now, traceID: traceID, payload: nil)
    }

    /// Records the refusal of a known principal for a reason outside the policy (a person who
    /// is not provisioned or was deactivated).
    func refuse(
        _ principal: Principal, action: ActionKind, resource: String, reason: String, rule: String, traceID: String
    ) async throws {
        try await record(
            principal, action: action.rawValue, resource: resource, Decision(effect: .deny, rule: rule, reason: reason),
            outcome: "denied", started: .now, traceID: traceID, payload: nil)
    }

    private func record(
        _ principal: Principal, action: String, resource: String, _ decision: Decision,
        outcome: String, started: ContinuousClock.Instant, traceID: String, payload: PayloadDigest?
    ) async throws {
        let event = AuditEvent(
            timeMicros: WallClock.nowMicros(), principal: principal, action: action,
            resource: resource, decision: decision, outcome: outcome,
            durationMicros: started.microsecondsSince, traceID: traceID, payload: payload)
        do {
            try await telemetry.span("audit.append") { _ in try await audit.append(event) }
        } catch {
            logger.error("request refused: its audit record could not be written", metadata: ["error": "\(error)"])
            throw GatehouseError(
                .storeUnavailable, "the audit trail is unavailable; the request was not completed")
        }
    }
}
