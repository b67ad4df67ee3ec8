import Foundation
public import GatehouseCore

/// `GET /api/v1/whoami`.
struct WhoamiBody: Encodable {
    let issuer: String
    let subject: String
    let groups: [String]
    let authMethod: String
    let displayName: String?
    let decidedBy: String

    init(principal: Principal, decision: Decision) {
        issuer = principal.issuer
        subject = principal.subject
        groups = principal.groups
        authMethod = principal.authMethod.rawValue
        displayName = principal.displayName
        decidedBy = decision.rule
    }

    enum CodingKeys: String, CodingKey {
        case issuer, subject, groups
        case authMethod = "auth_method"
        case displayName = "display_name"
        case decidedBy = "decided_by"
    }
}

/// One audit record as the API and `audit export` show it.
public struct AuditRecordBody: Codable, Sendable {
    public let seq: Int64
    public let time: String
    public let issuer: String
    public let subject: String
    public let authMethod: String
    public let groups: String
    public let action: String
    public let resource: String
    public let decision: String
    public let rule: String
    public let reason: String
    public let outcome: String
    public let durationMicros: Int64
    public let traceID: String
    public let payloadShape: String
    public let payloadHash: String
    public let prevHash: String
    public let hash: String

    /// One record as a JSON line (sorted keys, no line break): the shape of `gatehouse audit
    /// export` and of `audit.export_file`.
    public static func jsonLine(_ record: AuditRecord) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(AuditRecordBody(record))).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    /// The body of `record`.
    public init(_ record: AuditRecord) {
        let event = record.event
        seq = record.seq
        time = WallClock.rfc3339(micros: event.timeMicros)
        issuer = event.issuer
        subject = event.subject
        authMethod = event.authMethod
        groups = event.groups
        action = event.action
        resource = event.resource
        decision = event.decision
        rule = event.rule
        reason = event.reason
        outcome = event.outcome
        durationMicros = event.durationMicros
        traceID = event.traceID
        payloadShape = event.payloadShape
        payloadHash = event.payloadHash
        prevHash = record.prevHash.hex
        hash = record.hash.hex
    }

    enum CodingKeys: String, CodingKey {
        case seq, time, issuer, subject, groups, action, resource, decision, rule, reason, outcome, hash
        case authMethod = "auth_method"
        case durationMicros = "duration_us"
        case traceID = "trace_id"
        case payloadShape = "payload_shape"
        case payloadHash = "payload_sha256"
        case prevHash = "prev_hash"
    }
}

/// `GET /api/v1/audit`.
struct AuditPage: Encodable {
    let records: [AuditRecordBody]
}

/// `GET /api/v1/audit/verify`.
public struct VerifyBody: Encodable, Sendable {
    let intact: Bool
    let records: Int64
    let checkpoints: Int
    let headSeq: Int64
    let headHash: String
    let firstBadRecord: Int64?
    let problem: String?

    /// The body for `report`.
    public init(_ report: AuditChainVerifier.Report) {
        intact = report.isIntact
        records = report.verifiedRecords
        checkpoints = report.checkpointsChecked
        headSeq = report.head.seq
        headHash = report.head.hash.hex
        firstBadRecord = report.fault?.seq
        problem = report.fault?.description
    }

    enum CodingKeys: String, CodingKey {
        case intact, records, checkpoints, problem
        case headSeq = "head_seq"
        case headHash = "head_hash"
        case firstBadRecord = "first_bad_record"
    }
}
