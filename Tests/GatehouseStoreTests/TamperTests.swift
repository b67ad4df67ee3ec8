import Crypto
import Foundation
import GatehouseCore
import GatehouseStore
import SQLiteNIO
import Synchronization
import Testing

/// An attacker with write access to the SQLite file: drops the append-only triggers and edits,
/// deletes, reorders or truncates records. Verification must name each change.
@Suite struct TamperTests {
    static let key = Curve25519.Signing.PrivateKey()

    /// A store with `count` records, checkpoints every 10; returns the verify report after `tamper`.
    static func verifyAfter(
        count: Int = 35, mirrorCheckpoint: Bool = false, _ tamper: @Sendable (SQLiteConnection) async throws -> Void
    ) async throws -> AuditChainVerifier.Report {
        let result = Mutex<AuditChainVerifier.Report?>(nil)
        try await StoreHarness.withStore(.sqlite) { store, context in
            let appended = try await store.appendAudit(
                (1...count).map { StoreHarness.event($0) }, sealer: StoreHarness.sealer(every: 10, key: key))
            if mirrorCheckpoint, let last = appended.checkpoints.last {
                try CheckpointFile.write(last, dataDir: context.directory)
            }
            let raw = try await SQLiteConnection.open(storage: .file(path: context.sqlitePath!))
            for table in ["audit_records", "audit_checkpoints"] {
                for op in ["update", "delete"] { _ = try await raw.query("DROP TRIGGER \(table)_no_\(op)") }
            }
            try await tamper(raw)
            try await raw.close()
            let mirrored = try CheckpointFile.read(dataDir: context.directory)
            let report = try await AuditVerification.verify(
                store: store, trustedKeys: [key.publicKey], extraCheckpoints: mirrored.map { [$0] } ?? [])
            result.withLock { $0 = report }
        }
        return try #require(result.withLock { $0 })
    }

    @Test func untouchedTrailIsIntact() async throws {
        let report = try await Self.verifyAfter { _ in }
        #expect(report.isIntact)
        #expect(report.verifiedRecords == 35)
        #expect(report.checkpointsChecked == 3)
    }

    @Test func editedFieldIsCaught() async throws {
        let report = try await Self.verifyAfter { raw in
            _ = try await raw.query("UPDATE audit_records SET subject = 'mallory' WHERE seq = 12")
        }
        #expect(report.fault == .edited(seq: 12))
        #expect(report.verifiedRecords == 11)
    }

    @Test func deletedRecordIsCaught() async throws {
        let report = try await Self.verifyAfter { raw in
            _ = try await raw.query("DELETE FROM audit_records WHERE seq = 7")
        }
        #expect(report.fault == .deleted(from: 7, through: 7))
    }

    @Test func reorderedRecordsAreCaught() async throws {
        let report = try await Self.verifyAfter { raw in
            _ = try await raw.query("UPDATE audit_records SET seq = 1000000 WHERE seq = 20")
            _ = try await raw.query("UPDATE audit_records SET seq = 20 WHERE seq = 21")
            _ = try await raw.query("UPDATE audit_records SET seq = 21 WHERE seq = 1000000")
        }
        #expect(report.fault == .reordered(seq: 20))
    }

    @Test func truncationAfterACheckpointIsCaught() async throws {
        let report = try await Self.verifyAfter { raw in
            _ = try await raw.query("DELETE FROM audit_records WHERE seq > 25")
        }
        #expect(report.fault == .truncated(checkpoint: 30, end: 25))
    }

    @Test func truncationWithItsCheckpointRowsIsCaughtByTheMirror() async throws {
        let report = try await Self.verifyAfter(mirrorCheckpoint: true) { raw in
            _ = try await raw.query("DELETE FROM audit_records WHERE seq > 15")
            _ = try await raw.query("DELETE FROM audit_checkpoints WHERE seq > 15")
        }
        #expect(report.fault == .truncated(checkpoint: 30, end: 15))
    }

    @Test func rewrittenChainIsCaughtByItsCheckpoint() async throws {
        // Re-seal everything after an edit with consistent hashes: only signatures notice.
        let report = try await Self.verifyAfter { raw in
            let rows = try await raw.query("SELECT seq FROM audit_records ORDER BY seq")
            var events = (1...35).map { StoreHarness.event($0) }
            events[3].subject = "someone-else"
            let resealed = AuditHead.genesis.seal(events).records
            for (row, record) in zip(rows, resealed) {
                let seq = row.columns[0].data.integer!
                _ = try await raw.query(
                    "UPDATE audit_records SET subject = ?, prev_hash = ?, hash = ? WHERE seq = ?",
                    [.text(record.event.subject), .text(record.prevHash.hex), .text(record.hash.hex), .integer(seq)])
            }
        }
        #expect(report.fault == .rewritten(seq: 10))
    }

    @Test func forgedCheckpointIsCaught() async throws {
        let report = try await Self.verifyAfter { raw in
            _ = try await raw.query("UPDATE audit_checkpoints SET time_micros = time_micros + 1 WHERE seq = 20")
        }
        #expect(report.fault == .badCheckpointSignature(seq: 20))
    }

    @Test func corruptHashTextIsCaught() async throws {
        let report = try await Self.verifyAfter { raw in
            _ = try await raw.query("UPDATE audit_records SET hash = 'not-hex' WHERE seq = 3")
        }
        #expect(report.fault == .edited(seq: 3))
    }
}
