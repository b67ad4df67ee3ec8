import GatehouseCore
import Synchronization

/// The callers of recently presented access tokens, so that a request does not look up its
/// token, its person and their groups in the store again.
///
/// An entry serves only while the store's ``IdentityGeneration`` is the one it was read at, so
/// a revocation, deprovisioning or group change made through this replica ends every entry at
/// once. It serves for at most ``lifetime`` too, which bounds how long a change made by
/// another replica goes unseen. Failed lookups are never kept, so tokens that are guessed or
/// revoked cannot fill it; a full cache starts over.
final class CallerCache: Sendable {
    /// The most entries kept.
    static let capacity = 10_000

    private struct Entry {
        var caller: Caller
        var generation: UInt64
        var expires: ContinuousClock.Instant
    }

    /// How long an entry serves at most.
    let lifetime: Duration
    private let entries = Mutex<[String: Entry]>([:])

    /// A cache whose entries serve for at most `lifetime`; zero keeps nothing.
    init(lifetime: Duration) {
        self.lifetime = lifetime
    }

    /// The caller kept for the token hash `hash`, when it was read at `generation` and is
    /// younger than ``lifetime``; stale entries are dropped on the way.
    func caller(_ hash: String, generation: UInt64, now: ContinuousClock.Instant) -> Caller? {
        entries.withLock { entries in
            guard let entry = entries[hash] else { return nil }
            guard entry.generation == generation, now < entry.expires else {
                entries[hash] = nil
                return nil
            }
            return entry.caller
        }
    }

    /// Keeps `caller`, built from lookups that began at `generation`.
    func keep(_ caller: Caller, for hash: String, generation: UInt64, now: ContinuousClock.Instant) {
        guard lifetime > .zero else { return }
        entries.withLock { entries in
            if entries.count >= Self.capacity, entries[hash] == nil { entries.removeAll(keepingCapacity: true) }
            entries[hash] = Entry(caller: caller, generation: generation, expires: now + lifetime)
        }
    }

    /// Notes that the token behind `hash` was marked used at `micros`, so hits do not mark it
    /// again before ``Authenticator/touchInterval`` has passed.
    func touched(_ hash: String, atMicros micros: Int64) {
        entries.withLock { entries in
            entries[hash]?.caller.markUsed(atMicros: micros)
        }
    }

    /// How many entries are kept (for tests).
    var count: Int { entries.withLock { $0.count } }
}
