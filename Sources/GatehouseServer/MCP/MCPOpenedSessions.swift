import GatehouseIdentity
import Synchronization

/// Session ids this node has opened, by their exact text: a session's every request would
/// otherwise decode, decrypt and parse its id again. Only ids that opened are kept (at most
/// ``limit``, all dropped when full), so a client cannot fill it with junk; the token's own
/// checks (principal, profile, age, ended) still run on every request.
final class MCPOpenedSessions: Sendable {
    /// The most ids kept.
    static let limit = 4_096

    private let entries = Mutex<[String: MCPSessionToken]>([:])

    /// The token `text` seals, from this cache or opened with `handles`; nil when it is not
    /// one of ours.
    func open(_ text: String, with handles: SealedHandle) -> MCPSessionToken? {
        if let token = entries.withLock({ $0[text] }) { return token }
        guard let token = handles.openSession(text) else { return nil }
        entries.withLock { entries in
            if entries.count >= Self.limit { entries.removeAll(keepingCapacity: true) }
            entries[text] = token
        }
        return token
    }

    /// How many ids are kept (for tests).
    var count: Int { entries.withLock { $0.count } }
}
