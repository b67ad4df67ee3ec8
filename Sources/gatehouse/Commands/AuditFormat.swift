import Crypto
import Foundation
import GatehouseCore
import GatehouseServer
import GatehouseStore

typealias Curve25519PublicKey = Curve25519.Signing.PublicKey

/// How audit records are printed.
enum AuditFormat {
    static func line(_ record: AuditRecord) -> String {
        let event = record.event
        return [
            String(record.seq), WallClock.rfc3339(micros: event.timeMicros),
            "\(event.issuer)#\(event.subject)", event.action, event.resource,
            event.decision, event.rule, event.outcome, "\(event.durationMicros)us",
        ].joined(separator: "  ")
    }

    static func json(_ record: AuditRecord) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(AuditRecordBody(record)), as: UTF8.self)
    }

    /// Streams every record as JSON lines; a file destination is written whole or not at all.
    static func export(store: any GatehouseStore, to path: String?) async throws -> Int {
        var buffer = Data()
        var count = 0
        var after: Int64 = 0
        while true {
            let page = try await store.auditRecords(after: after, limit: AuditVerification.pageSize)
            guard let last = page.last else { break }
            for record in page {
                buffer.append(contentsOf: Array(try json(record).utf8))
                buffer.append(0x0a)
            }
            count += page.count
            after = last.seq
            if path == nil {
                FileHandle.standardOutput.write(buffer)
                buffer.removeAll(keepingCapacity: true)
            }
        }
        if let path { try DataDirectory.writeAtomically(buffer, to: path, mode: 0o600) }
        return count
    }
}
