public import Synchronization

/// Counts the committed changes a store object made to who may do what: revoked tokens and
/// every write to users and groups. A cache of identity lookups (``GatehouseStore/token(hash:)``,
/// a person's groups) read at one count is stale once the count has moved.
///
/// It counts this process's writes only: another replica's revocation does not move it, so
/// such a cache must also bound the age of what it keeps.
public final class IdentityGeneration: Sendable {
    private let count = Atomic<UInt64>(0)

    /// A count of zero.
    public init() {}

    /// The count now. Read it before the lookups a cached value is built from.
    public var current: UInt64 { count.load(ordering: .acquiring) }

    /// Moves the count on; called after a write has committed (or failed in an unknown state).
    func advance() {
        count.wrappingAdd(1, ordering: .releasing)
    }

    /// Runs `write`, then moves the count on whether or not it succeeded (a failed commit may
    /// still have taken effect).
    func advancing<T: Sendable>(_ write: () async throws -> T) async throws -> T {
        defer { advance() }
        return try await write()
    }
}
