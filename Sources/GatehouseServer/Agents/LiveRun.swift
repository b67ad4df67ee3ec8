import Foundation
import GatehouseAgents
import GatehouseCore
import Synchronization

/// A run in memory between its turns: who owns it, its top session, where the current turn's
/// events go, and a question about a tool call waiting for the user's answer (`resume`).
final class LiveRun: Sendable {
    /// How long a run is kept for another message once its last turn ended.
    static let idleLimit: Duration = .seconds(30 * 60)

    private struct State {
        var session: AgentSessionState
        var sink: AsyncStream<AgentEvent>.Continuation?
        var pending: (id: String, continuation: CheckedContinuation<Confirmation?, Never>)?
        var lastUsed = ContinuousClock.now
    }

    let owner: String
    let fileName: String
    let interactive: Bool
    let runner: Mutex<AgentRunner?> = Mutex(nil)
    /// The file's own MCP servers, stopped after every turn.
    let ownServers: OwnServers
    private let state: Mutex<State>

    init(owner: String, fileName: String, interactive: Bool, session: AgentSessionState, ownServers: OwnServers) {
        self.ownServers = ownServers
        self.owner = owner
        self.fileName = fileName
        self.interactive = interactive
        self.state = Mutex(State(session: session))
    }

    /// The top session as of its last turn.
    var session: AgentSessionState { state.withLock { $0.session } }

    /// Whether a turn is running.
    var isBusy: Bool { state.withLock { $0.sink != nil } }

    /// Whether the run has been idle too long to keep.
    var isExpired: Bool {
        state.withLock { $0.sink == nil && ContinuousClock.now - $0.lastUsed > Self.idleLimit }
    }

    /// Starts a turn whose events go to `sink`; false when one is running already.
    func begin(_ sink: AsyncStream<AgentEvent>.Continuation) -> Bool {
        state.withLock { state in
            guard state.sink == nil else { return false }
            state.sink = sink
            return true
        }
    }

    /// Ends the current turn with the session as it stands.
    func end(_ session: AgentSessionState) {
        let (sink, pending) = state.withLock { state in
            state.session = session
            state.lastUsed = .now
            defer {
                state.sink = nil
                state.pending = nil
            }
            return (state.sink, state.pending)
        }
        pending?.continuation.resume(returning: .reject("the turn ended"))
        sink?.finish()
    }

    /// Sends an event of the current turn.
    func send(_ event: AgentEvent) {
        _ = state.withLock { $0.sink?.yield(event) }
    }

    /// Asks the user about `call` and waits for the answer; nil when the run is not interactive.
    func ask(_ call: ToolCall, session: String, agent: String, reason: String) async -> Confirmation? {
        guard interactive else { return nil }
        send(
            AgentEvent(
                "tool_call_confirmation", ["tool_call": call.openAI, "reason": .string(reason)],
                session: session, agent: agent))
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Confirmation?, Never>) in
                let earlier = state.withLock { state in
                    defer { state.pending = (call.id, continuation) }
                    return state.pending
                }
                earlier?.continuation.resume(returning: .reject("another question came"))
                if Task.isCancelled { _ = answer(.reject("the client went away")) }
            }
        } onCancel: {
            _ = answer(.reject("the client went away"))
        }
    }

    /// Answers the waiting question; false when none waits.
    func answer(_ confirmation: Confirmation) -> Bool {
        guard
            let pending = state.withLock({ state in
                defer { state.pending = nil }
                return state.pending
            })
        else {
            return false
        }
        pending.continuation.resume(returning: confirmation)
        return true
    }
}
