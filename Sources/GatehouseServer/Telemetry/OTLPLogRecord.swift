import Foundation
import GatehouseCore

/// One OTLP log record (the subset Gatehouse sends), and a batch of them under one resource
/// and scope: what `/v1/logs` receives, in either encoding (`OTLPLogRecord+JSON`,
/// `OTLPLogRecord+Protobuf`).
struct OTLPLogRecord: Sendable {
    /// An attribute value.
    enum Value: Sendable {
        case string(String)
        case integer(Int64)
    }

    var timeUnixNano: UInt64
    var observedTimeUnixNano: UInt64
    /// OTLP's severity number: 9 INFO, 13 WARN, 17 ERROR.
    var severityNumber: Int
    var severityText: String
    var body: String
    var attributes: [(key: String, value: Value)]
    /// 16 bytes, or empty for none.
    var traceID: [UInt8]
}

/// What a batch of log records is sent with.
struct OTLPLogBatch: Sendable {
    /// Resource attributes (`service.name`, …).
    var resource: [(key: String, value: OTLPLogRecord.Value)]
    /// The instrumentation scope's name and version.
    var scope: (name: String, version: String)
    var records: [OTLPLogRecord]
}

extension OTLPLogRecord {
    /// The audit record as a log record: the JSON line (`gatehouse audit export`'s shape) as the
    /// body, the fields a SIEM filters on as `gatehouse.audit.*` attributes, the record's time
    /// and trace id; a denial is WARN, a failed action ERROR, the rest INFO.
    init(audit record: AuditRecord, observedMicros: Int64) {
        let event = record.event
        timeUnixNano = UInt64(max(0, event.timeMicros)) * 1000
        observedTimeUnixNano = UInt64(max(0, observedMicros)) * 1000
        if event.decision == "deny" {
            (severityNumber, severityText) = (13, "WARN")
        } else if event.outcome.hasPrefix("error") {
            (severityNumber, severityText) = (17, "ERROR")
        } else {
            (severityNumber, severityText) = (9, "INFO")
        }
        body = AuditRecordBody.jsonLine(record)
        attributes = [
            ("event.name", .string("gatehouse.audit")),
            ("gatehouse.audit.seq", .integer(record.seq)),
            ("gatehouse.audit.principal", .string(event.issuer + "#" + event.subject)),
            ("gatehouse.audit.subject", .string(event.subject)),
            ("gatehouse.audit.auth_method", .string(event.authMethod)),
            ("gatehouse.audit.groups", .string(event.groups)),
            ("gatehouse.audit.action", .string(event.action)),
            ("gatehouse.audit.resource", .string(event.resource)),
            ("gatehouse.audit.decision", .string(event.decision)),
            ("gatehouse.audit.rule", .string(event.rule)),
            ("gatehouse.audit.outcome", .string(event.outcome)),
            ("gatehouse.audit.duration_us", .integer(event.durationMicros)),
            ("gatehouse.audit.hash", .string(record.hash.hex)),
            ("gatehouse.audit.prev_hash", .string(record.prevHash.hex)),
        ]
        traceID = Hex.decode(event.traceID).flatMap { $0.count == 16 ? $0 : nil } ?? []
    }
}
