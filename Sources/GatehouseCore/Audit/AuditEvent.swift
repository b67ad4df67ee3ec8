/// What happened, before it is sealed into the chain: one request, its principal, the action,
/// the decision and the outcome.
///
/// Payloads are never stored in clear: only their ``PayloadDigest`` (shape and hash).
public struct AuditEvent: Sendable, Hashable, Codable {
    /// Microseconds since 1970-01-01T00:00:00Z.
    public var timeMicros: Int64
    /// Issuer of the principal.
    public var issuer: String
    /// Subject of the principal.
    public var subject: String
    /// How the principal was authenticated.
    public var authMethod: String
    /// The principal's groups, comma-separated, sorted.
    public var groups: String
    /// The action name (``ActionKind`` raw value), or `identity.authenticate` for refused
    /// credentials.
    public var action: String
    /// The resource acted on.
    public var resource: String
    /// `allow` or `deny`.
    public var decision: String
    /// The deciding rule.
    public var rule: String
    /// The decision's reason.
    public var reason: String
    /// `ok`, `denied`, or `error:<code>`.
    public var outcome: String
    /// How long the request took, in microseconds.
    public var durationMicros: Int64
    /// The W3C trace id (32 hex digits) or a request id.
    public var traceID: String
    /// The shape of the request payload, if any (see ``PayloadDigest``).
    public var payloadShape: String
    /// The SHA-256 of the request payload, hex, if any.
    public var payloadHash: String

    /// Creates an event.
    public init(
        timeMicros: Int64, issuer: String, subject: String, authMethod: String, groups: String,
        action: String, resource: String, decision: String, rule: String, reason: String,
        outcome: String, durationMicros: Int64, traceID: String, payloadShape: String = "",
        payloadHash: String = ""
    ) {
        self.timeMicros = timeMicros
        self.issuer = issuer
        self.subject = subject
        self.authMethod = authMethod
        self.groups = groups
        self.action = action
        self.resource = resource
        self.decision = decision
        self.rule = rule
        self.reason = reason
        self.outcome = outcome
        self.durationMicros = durationMicros
        self.traceID = traceID
        self.payloadShape = payloadShape
        self.payloadHash = payloadHash
    }

    /// Creates an event from the spine's typed values.
    public init(
        timeMicros: Int64, principal: Principal, action: String, resource: String,
        decision: Decision, outcome: String, durationMicros: Int64, traceID: String,
        payload: PayloadDigest? = nil
    ) {
        self.init(
            timeMicros: timeMicros, issuer: principal.issuer, subject: principal.subject,
            authMethod: principal.authMethod.rawValue,
            groups: principal.groups.joined(separator: ","), action: action, resource: resource,
            decision: decision.effect.rawValue, rule: decision.rule, reason: decision.reason,
            outcome: outcome, durationMicros: durationMicros, traceID: traceID,
            payloadShape: payload?.shape ?? "", payloadHash: payload?.sha256 ?? "")
    }

    /// The action recorded for requests whose credential was missing or refused.
    public static let authenticateAction = "identity.authenticate"
}
