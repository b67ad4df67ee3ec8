public import Crypto

/// Verifies an audit trail record by record, in position order, in constant memory.
///
/// Feed records with ``consume(_:)`` until it returns false (a fault was found) or the
/// records run out, then call ``finish()``.
public struct AuditChainVerifier: Sendable {
    /// The result of a verification.
    public struct Report: Sendable, Hashable {
        /// Records that verified before the first fault (all of them when intact).
        public var verifiedRecords: Int64
        /// The last good record.
        public var head: AuditHead
        /// Checkpoints whose signature and hash were checked.
        public var checkpointsChecked: Int
        /// The first fault, if any.
        public var fault: AuditFault?
        /// Whether the trail is intact.
        public var isIntact: Bool { fault == nil }
    }

    private var head = AuditHead.genesis
    private var verified: Int64 = 0
    private var fault: AuditFault?
    private var pending: [AuditCheckpoint]
    private var checked = 0
    private let lastCheckpoint: Int64

    /// Creates a verifier that checks `checkpoints` against `trustedKeys`.
    public init(checkpoints: [AuditCheckpoint], trustedKeys: [Curve25519.Signing.PublicKey]) {
        let keys = Dictionary(
            trustedKeys.map { (AuditCheckpoint.keyID(of: $0), $0) }, uniquingKeysWith: { a, _ in a })
        var seen = Set<Int64>()
        var valid: [AuditCheckpoint] = []
        for checkpoint in checkpoints.sorted(by: { $0.seq < $1.seq }) where seen.insert(checkpoint.seq).inserted {
            guard let key = keys[checkpoint.keyID] else {
                fault = fault ?? .unknownCheckpointKey(seq: checkpoint.seq, keyID: checkpoint.keyID)
                continue
            }
            guard checkpoint.isValid(for: key) else {
                fault = fault ?? .badCheckpointSignature(seq: checkpoint.seq)
                continue
            }
            valid.append(checkpoint)
        }
        pending = valid.reversed()
        lastCheckpoint = valid.last?.seq ?? 0
    }

    /// Checks the next record; returns false once a fault has been found.
    public mutating func consume(_ record: AuditRecord) -> Bool {
        consume(record, intact: record.isIntact)
    }

    /// Checks the next record whose hash was already checked (`intact`), so that hashing can
    /// run in parallel while linking stays in order.
    public mutating func consume(_ record: AuditRecord, intact: Bool) -> Bool {
        guard fault == nil else { return false }
        let expected = head.seq + 1
        if !intact {
            fault = .edited(seq: record.seq)
        } else if record.prevHash != head.hash {
            if record.seq > expected {
                fault = .deleted(from: expected, through: record.seq - 1)
            } else {
                fault = .reordered(seq: record.seq)
            }
        } else if record.seq != expected {
            fault = .renumbered(seq: record.seq, expected: expected)
        }
        if fault != nil { return false }
        while let next = pending.last, next.seq <= record.seq {
            pending.removeLast()
            checked += 1
            if next.seq == record.seq, next.hash != record.hash {
                fault = .rewritten(seq: record.seq)
                return false
            }
        }
        head = AuditHead(seq: record.seq, hash: record.hash)
        verified += 1
        return true
    }

    /// Ends verification and reports.
    public func finish() -> Report {
        var fault = fault
        if fault == nil, lastCheckpoint > head.seq {
            fault = .truncated(checkpoint: lastCheckpoint, end: head.seq)
        }
        return Report(
            verifiedRecords: verified, head: head, checkpointsChecked: checked, fault: fault)
    }
}
