public import Foundation
import GatehouseCore

/// The column order shared by both drivers for `audit_records`.
enum AuditColumns {
    static let names = [
        "seq", "time_micros", "issuer", "subject", "auth_method", "groups", "action", "resource",
        "decision", "rule", "reason", "outcome", "duration_micros", "trace_id", "payload_shape",
        "payload_hash", "prev_hash", "hash",
    ]
    static let list = names.joined(separator: ", ")
    static let count = names.count
}

/// A database-independent cell, so that both drivers bind and read the same way.
public enum StoreValue: Sendable, Hashable {
    case int(Int64)
    case text(String)
    /// Bytes: a BLOB in SQLite, a BYTEA in PostgreSQL.
    case blob(Data)
    case null
}

extension AuditHash {
    /// Stands in for a stored hash that is not 64 hex digits: no record's hash equals it.
    static let unmatchable = AuditHash(bytes: [UInt8](repeating: 0xff, count: 32))!
}

extension AuditRecord {
    /// The record's cells in ``AuditColumns`` order.
    var cells: [StoreValue] {
        [
            .int(seq), .int(event.timeMicros), .text(event.issuer), .text(event.subject),
            .text(event.authMethod), .text(event.groups), .text(event.action),
            .text(event.resource), .text(event.decision), .text(event.rule),
            .text(event.reason), .text(event.outcome), .int(event.durationMicros),
            .text(event.traceID), .text(event.payloadShape), .text(event.payloadHash),
            .text(prevHash.hex), .text(hash.hex),
        ]
    }

    /// Rebuilds a record from cells in ``AuditColumns`` order. A malformed cell (wrong type,
    /// bad hex) becomes a value whose hash cannot match, so the verifier reports the record as
    /// edited instead of the record silently disappearing.
    init(cells: [StoreValue]) {
        func int(_ index: Int) -> Int64? {
            guard index < cells.count, case .int(let value) = cells[index] else { return nil }
            return value
        }
        func text(_ index: Int) -> String {
            guard index < cells.count, case .text(let value) = cells[index] else { return "\u{0}" }
            return value
        }
        let broken = AuditHash.unmatchable
        let event = AuditEvent(
            timeMicros: int(1) ?? Int64.min, issuer: text(2), subject: text(3),
            authMethod: text(4), groups: text(5), action: text(6), resource: text(7),
            decision: text(8), rule: text(9), reason: text(10), outcome: text(11),
            durationMicros: int(12) ?? Int64.min, traceID: text(13), payloadShape: text(14),
            payloadHash: text(15))
        self.init(
            seq: int(0) ?? 0, event: event, prevHash: AuditHash(hex: text(16)) ?? broken,
            hash: AuditHash(hex: text(17)) ?? broken)
    }
}
