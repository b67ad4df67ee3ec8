import GatehouseMCP
import Synchronization

/// The calls in flight of this node's MCP sessions, so `notifications/cancelled` (or the
/// session's end) can stop them. A lock rather than an actor: every call that reaches a tool
/// server registers and unregisters here, and an actor would add two hops to each.
final class MCPCallsInFlight: Sendable {
    private struct State {
        var calls: [String: [RPCID: Task<Void, Never>]] = [:]
        /// Calls that finished before they were registered (their task ran first).
        var finishedEarly: Set<String> = []
    }

    private let state = Mutex(State())

    /// Tracks call `id` of session `nonce`.
    func started(_ id: RPCID, of nonce: String, task: Task<Void, Never>) {
        state.withLock { state in
            if state.finishedEarly.remove(nonce + " " + id.description) != nil { return }
            state.calls[nonce, default: [:]][id] = task
        }
    }

    /// Forgets call `id` of session `nonce`.
    func finished(_ id: RPCID, of nonce: String) {
        state.withLock { state in
            if state.calls[nonce]?.removeValue(forKey: id) == nil {
                state.finishedEarly.insert(nonce + " " + id.description)
            }
            if state.calls[nonce]?.isEmpty == true { state.calls[nonce] = nil }
        }
    }

    /// Cancels the client's request `id`; unknown or finished ids are ignored (as MCP says).
    func cancel(_ id: RPCID, of nonce: String) {
        state.withLock { $0.calls[nonce]?[id] }?.cancel()
    }

    /// Cancels every call of an ended session.
    func cancelAll(of nonce: String) {
        for task in state.withLock({ $0.calls.removeValue(forKey: nonce) })?.values ?? [:].values { task.cancel() }
    }
}
