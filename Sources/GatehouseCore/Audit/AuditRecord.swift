/// An event sealed into the chain: its position, the previous record's hash and its own.
public struct AuditRecord: Sendable, Hashable, Codable {
    /// Position in the chain, starting at 1, without gaps.
    public var seq: Int64
    /// What happened.
    public var event: AuditEvent
    /// The hash of the previous record (32 zero bytes for the first).
    public var prevHash: AuditHash
    /// SHA-256 over `prevHash` and the canonical encoding of `event`.
    public var hash: AuditHash

    /// Creates a record from stored fields (no hashing is done).
    public init(seq: Int64, event: AuditEvent, prevHash: AuditHash, hash: AuditHash) {
        self.seq = seq
        self.event = event
        self.prevHash = prevHash
        self.hash = hash
    }

    /// Seals `event` after the record with `prevHash` at position `seq`.
    public static func seal(_ event: AuditEvent, seq: Int64, after prevHash: AuditHash)
        -> AuditRecord
    {
        AuditRecord(
            seq: seq, event: event, prevHash: prevHash,
            hash: AuditHash.compute(prev: prevHash, event: event))
    }

    /// Whether the stored hash matches the record's contents.
    public var isIntact: Bool { AuditHash.compute(prev: prevHash, event: event) == hash }
}

/// The newest sealed record: what the next record chains onto.
public struct AuditHead: Sendable, Hashable, Codable {
    /// Position of the newest record (0 for an empty chain).
    public var seq: Int64
    /// Its hash (zeros for an empty chain).
    public var hash: AuditHash

    /// Creates a head.
    public init(seq: Int64, hash: AuditHash) {
        self.seq = seq
        self.hash = hash
    }

    /// The head of an empty chain.
    public static let genesis = AuditHead(seq: 0, hash: .zero)

    /// Seals `events` in order after this head, returning the records and the new head.
    public func seal(_ events: [AuditEvent]) -> (records: [AuditRecord], head: AuditHead) {
        var records: [AuditRecord] = []
        records.reserveCapacity(events.count)
        var current = self
        for event in events {
            let record = AuditRecord.seal(event, seq: current.seq + 1, after: current.hash)
            records.append(record)
            current = AuditHead(seq: record.seq, hash: record.hash)
        }
        return (records, current)
    }
}
