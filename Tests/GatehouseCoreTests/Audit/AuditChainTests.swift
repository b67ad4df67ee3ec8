import Crypto
import Testing

@testable import GatehouseCore

@Suite struct AuditChainTests {
    static func event(_ n: Int) -> AuditEvent {
        AuditEvent(
            timeMicros: 1_700_000_000_000_000 + Int64(n), issuer: "gatehouse:local", subject: "u\(n % 3)",
            authMethod: "access_token", groups: "developers", action: "model.use", resource: "m\(n)",
            decision: "allow", rule: "r", reason: "because", outcome: "ok", durationMicros: 12,
            traceID: "t\(n)")
    }

    static func chain(_ count: Int) -> [AuditRecord] {
        AuditHead.genesis.seal((1...count).map(event)).records
    }

    static func verify(
        _ records: [AuditRecord], checkpoints: [AuditCheckpoint] = [], keys: [Curve25519.Signing.PublicKey] = []
    ) -> AuditChainVerifier.Report {
        var verifier = AuditChainVerifier(checkpoints: checkpoints, trustedKeys: keys)
        for record in records where !verifier.consume(record) { break }
        return verifier.finish()
    }

    @Test func intactChainVerifies() {
        let report = Self.verify(Self.chain(50))
        #expect(report.isIntact)
        #expect(report.verifiedRecords == 50)
        #expect(report.head.seq == 50)
    }

    @Test func sealingLinksEachRecordToThePrevious() {
        let records = Self.chain(3)
        #expect(records[0].prevHash == .zero)
        #expect(records[1].prevHash == records[0].hash)
        #expect(records.map(\.seq) == [1, 2, 3])
    }

    @Test func canonicalEncodingSeparatesFields() {
        var a = Self.event(1)
        var b = Self.event(1)
        a.subject = "ab"
        a.groups = "c"
        b.subject = "a"
        b.groups = "bc"
        #expect(a.canonicalBytes != b.canonicalBytes)
        #expect(AuditHash.compute(prev: .zero, event: a) != AuditHash.compute(prev: .zero, event: b))
    }

    @Test func editedRecordIsNamed() {
        var records = Self.chain(10)
        records[4].event.outcome = "denied"
        #expect(Self.verify(records).fault == .edited(seq: 5))
    }

    @Test func deletedRecordIsNamed() {
        var records = Self.chain(10)
        records.remove(at: 6)
        #expect(Self.verify(records).fault == .deleted(from: 7, through: 7))
        records.removeSubrange(2...3)
        #expect(Self.verify(records).fault == .deleted(from: 3, through: 4))
    }

    @Test func deletedFirstRecordIsNamed() {
        let records = Array(Self.chain(5).dropFirst())
        #expect(Self.verify(records).fault == .deleted(from: 1, through: 1))
    }

    @Test func reorderedRecordsAreNamed() {
        var records = Self.chain(10)
        // Swap the contents of positions 4 and 5 but keep the numbering.
        let fourth = records[3]
        records[3] = AuditRecord(seq: 4, event: records[4].event, prevHash: records[4].prevHash, hash: records[4].hash)
        records[4] = AuditRecord(seq: 5, event: fourth.event, prevHash: fourth.prevHash, hash: fourth.hash)
        #expect(Self.verify(records).fault == .reordered(seq: 4))
    }

    @Test func renumberedRecordIsNamed() {
        var records = Self.chain(5)
        records[2].seq = 9
        #expect(Self.verify(records).fault == .renumbered(seq: 9, expected: 3))
    }

    @Test func checkpointsCatchTruncationAndRewrites() throws {
        let key = Curve25519.Signing.PrivateKey()
        let records = Self.chain(20)
        let checkpoint = try AuditCheckpoint.sign(
            head: AuditHead(seq: 15, hash: records[14].hash), timeMicros: 1, key: key)
        #expect(Self.verify(records, checkpoints: [checkpoint], keys: [key.publicKey]).isIntact)
        #expect(Self.verify(records, checkpoints: [checkpoint], keys: [key.publicKey]).checkpointsChecked == 1)

        let truncated = Array(records.prefix(12))
        #expect(
            Self.verify(truncated, checkpoints: [checkpoint], keys: [key.publicKey]).fault
                == .truncated(checkpoint: 15, end: 12))

        // Rewrite from record 10 on with consistent hashes: only the checkpoint notices.
        var events = records.map(\.event)
        events[11].outcome = "error:forbidden"
        let rewritten = AuditHead.genesis.seal(events).records
        #expect(Self.verify(rewritten).isIntact)
        #expect(
            Self.verify(rewritten, checkpoints: [checkpoint], keys: [key.publicKey]).fault == .rewritten(seq: 15))
    }

    @Test func forgedOrForeignCheckpointsAreRefused() throws {
        let key = Curve25519.Signing.PrivateKey()
        let other = Curve25519.Signing.PrivateKey()
        let records = Self.chain(5)
        var forged = try AuditCheckpoint.sign(head: AuditHead(seq: 5, hash: records[4].hash), timeMicros: 1, key: key)
        forged.timeMicros = 2
        #expect(
            Self.verify(records, checkpoints: [forged], keys: [key.publicKey]).fault == .badCheckpointSignature(seq: 5))
        let foreign = try AuditCheckpoint.sign(
            head: AuditHead(seq: 5, hash: records[4].hash), timeMicros: 1, key: other)
        #expect(
            Self.verify(records, checkpoints: [foreign], keys: [key.publicKey]).fault
                == .unknownCheckpointKey(seq: 5, keyID: AuditCheckpoint.keyID(of: other.publicKey)))
    }

    @Test func faultsDescribeTheRecord() {
        #expect(AuditFault.edited(seq: 7).description == "record 7 was edited: its hash does not match its contents")
        #expect(
            AuditFault.truncated(checkpoint: 1000, end: 990).description.hasPrefix("truncated after checkpoint 1000"))
    }
}
