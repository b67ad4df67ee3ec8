public import Crypto
public import GatehouseCore

/// Seals events into records and signs a checkpoint whenever a record's position is a
/// multiple of ``checkpointEvery``. Runs inside the store's append transaction.
public struct AuditSealer: Sendable {
    /// Sign a checkpoint every this many records.
    public var checkpointEvery: Int64
    /// The checkpoint signing key.
    public var signingKey: Curve25519.Signing.PrivateKey
    /// The clock for checkpoint times, microseconds since the epoch.
    public var now: @Sendable () -> Int64

    /// Creates a sealer.
    public init(
        checkpointEvery: Int, signingKey: Curve25519.Signing.PrivateKey,
        now: @escaping @Sendable () -> Int64 = WallClock.nowMicros
    ) {
        self.checkpointEvery = Int64(max(1, checkpointEvery))
        self.signingKey = signingKey
        self.now = now
    }

    /// Seals `events` after `head`.
    public func seal(_ events: [AuditEvent], after head: AuditHead) throws -> AuditAppendResult {
        let (records, newHead) = head.seal(events)
        var checkpoints: [AuditCheckpoint] = []
        for record in records where record.seq % checkpointEvery == 0 {
            checkpoints.append(
                try AuditCheckpoint.sign(
                    head: AuditHead(seq: record.seq, hash: record.hash), timeMicros: now(),
                    key: signingKey))
        }
        return AuditAppendResult(records: records, checkpoints: checkpoints, head: newHead)
    }
}
