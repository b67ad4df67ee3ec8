/// What ``AuditChainVerifier`` found wrong with a trail.
public enum AuditFault: Sendable, Hashable, CustomStringConvertible {
    /// A record's contents no longer match its hash.
    case edited(seq: Int64)
    /// Records `from...through` are missing between two records that were chained.
    case deleted(from: Int64, through: Int64)
    /// A record does not chain onto the one stored before it.
    case reordered(seq: Int64)
    /// Records chain correctly but their positions were renumbered.
    case renumbered(seq: Int64, expected: Int64)
    /// A record's hash differs from the one a signed checkpoint vouches for.
    case rewritten(seq: Int64)
    /// The trail ends before a signed checkpoint.
    case truncated(checkpoint: Int64, end: Int64)
    /// A checkpoint's signature does not verify with the trusted key.
    case badCheckpointSignature(seq: Int64)
    /// A checkpoint was signed by a key this verifier does not trust.
    case unknownCheckpointKey(seq: Int64, keyID: String)

    /// The first record involved (for "first bad record" reports).
    public var seq: Int64 {
        switch self {
        case .edited(let seq), .reordered(let seq), .rewritten(let seq),
            .badCheckpointSignature(let seq), .unknownCheckpointKey(let seq, _):
            seq
        case .deleted(let from, _): from
        case .renumbered(let seq, _): seq
        case .truncated(_, let end): end + 1
        }
    }

    /// A one-line explanation naming the record and what is wrong.
    public var description: String {
        switch self {
        case .edited(let seq):
            "record \(seq) was edited: its hash does not match its contents"
        case .deleted(let from, let through) where from == through:
            "record \(from) was deleted: record \(through + 1) chains onto a record that is gone"
        case .deleted(let from, let through):
            "records \(from)...\(through) were deleted: the next record chains onto one that is gone"
        case .reordered(let seq):
            "record \(seq) does not chain onto record \(seq - 1): records were reordered, replaced or rewritten"
        case .renumbered(let seq, let expected):
            "record \(seq) was renumbered: it chains onto record \(expected - 1) and should be \(expected)"
        case .rewritten(let seq):
            "record \(seq) differs from its signed checkpoint: records up to \(seq) were rewritten"
        case .truncated(let checkpoint, let end):
            "truncated after checkpoint \(checkpoint): the trail ends at record \(end)"
        case .badCheckpointSignature(let seq):
            "checkpoint at record \(seq) has an invalid signature"
        case .unknownCheckpointKey(let seq, let keyID):
            "checkpoint at record \(seq) was signed by an unknown key \(keyID)"
        }
    }
}
