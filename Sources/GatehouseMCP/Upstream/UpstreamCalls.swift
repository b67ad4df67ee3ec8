import Foundation
public import GatehouseCore
import Synchronization

/// The requests of one upstream session waiting for their answers, behind a lock: a call
/// registers and the reading task resolves it without hopping onto the session's actor, so a
/// tool call costs no actor switches on its way out or back.
public final class UpstreamCalls: Sendable {
    struct Pending {
        let continuation: CheckedContinuation<JSONValue, any Error>
        let context: CallContext
        let progressToken: JSONValue?
        let started: ContinuousClock.Instant
    }

    private struct State {
        var nextID: Int64 = 1
        var pending: [RPCID: Pending] = [:]
        var alive = true
        /// Why the session ended, once it has.
        var ended: String?
    }

    private let state = Mutex(State())

    /// Whether the server is still there.
    public var alive: Bool { state.withLock { $0.alive } }

    /// How many requests are waiting for an answer.
    public var inFlight: Int { state.withLock { $0.pending.count } }

    /// A new request id of the gateway's own.
    func nextID() -> RPCID {
        state.withLock { state in
            defer { state.nextID += 1 }
            return .integer(state.nextID)
        }
    }

    /// Registers request `id`, then runs `send` (still under the lock, so that nothing about
    /// `id` can be sent before the request itself). Fails the call at once when the session
    /// has ended.
    func register(_ id: RPCID, _ pending: Pending, send: () -> Void) {
        let ended = state.withLock { state -> String? in
            if let ended = state.ended { return ended }
            state.pending[id] = pending
            send()
            return nil
        }
        if let ended { pending.continuation.resume(throwing: RPCError.undelivered(ended)) }
    }

    /// Resolves request `id` (an answer, a time-out, a cancellation); false when it was no
    /// longer waiting.
    @discardableResult
    func resolve(_ id: RPCID, with result: Result<JSONValue, RPCError>) -> Bool {
        guard let entry = state.withLock({ $0.pending.removeValue(forKey: id) }) else { return false }
        entry.continuation.resume(with: result.mapError { $0 })
        return true
    }

    /// The waiting request `id`, if any (for progress notifications).
    func pending(_ id: RPCID) -> Pending? { state.withLock { $0.pending[id] } }

    /// The context of the oldest waiting call whose client can answer the server's requests.
    func oldestAnswering() -> CallContext? {
        state.withLock { state in
            state.pending.values.sorted { $0.started < $1.started }.first { $0.context.serverRequest != nil }?.context
        }
    }

    /// The one waiting call, when exactly one is waiting.
    func onlyPending() -> Pending? {
        state.withLock { $0.pending.count == 1 ? $0.pending.values.first : nil }
    }

    /// Marks the session dead (later calls fail at once).
    func markDead() { state.withLock { $0.alive = false } }

    /// The session ended: every waiting call fails with `error`, and later ones with `reason`.
    func end(reason: String, error: RPCError) {
        let waiting = state.withLock { state in
            state.alive = false
            state.ended = state.ended ?? reason
            defer { state.pending = [:] }
            return Array(state.pending.values)
        }
        for entry in waiting { entry.continuation.resume(throwing: error) }
    }
}
