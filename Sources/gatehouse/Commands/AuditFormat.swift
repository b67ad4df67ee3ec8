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
        AuditRecordBody.jsonLine(record)
    }

    /// Streams every record as JSON lines, page by page; a file destination is written
    /// under a temporary name and appears whole or not at all.
    static func export(store: any GatehouseStore, to path: String?) async throws -> Int {
        let file = try path.map { try AtomicFile(path: $0, mode: 0o600) }
        do {
            var count = 0
            var after = Int64.min
            while true {
                let page = try await store.auditRecords(after: after, limit: AuditVerification.pageSize)
                guard let last = page.last else { break }
                var buffer = Data()
                for record in page {
                    buffer.append(contentsOf: Array(try json(record).utf8))
                    buffer.append(0x0a)
                }
                if let file { try file.write(buffer) } else { FileHandle.standardOutput.write(buffer) }
                count += page.count
                after = last.seq
            }
            try file?.commit()
            return count
        } catch {
            file?.abort()
            throw error
        }
    }
}
