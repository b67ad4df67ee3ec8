public import GatehouseCore

/// The life of one sandbox: created → starting → running → stopping → wiped.
///
/// Every path ends in `wiped` through `stopping`, where teardown removes every file, process,
/// mount, cgroup and socket the sandbox had: after a normal exit, a crash, a time limit, a
/// failed start or a removal. Transitions not listed are errors, so a caller cannot skip
/// teardown or restart a finished sandbox.
public struct SandboxLifecycle: Sendable, Hashable {
    /// Where a sandbox is.
    public enum State: String, Sendable, Hashable, CaseIterable {
        case created, starting, running, stopping, wiped
    }

    /// Why a sandbox stopped.
    public enum StopReason: Sendable, Hashable {
        /// The command exited with this status.
        case exited(Int32)
        /// The command was killed by this signal (an OOM kill is SIGKILL).
        case signalled(Int32)
        /// The wall-time limit ran out.
        case timedOut
        /// Someone removed the sandbox (`gatehouse sandbox rm`) or the server shut down.
        case removed
        /// The backend could not start it.
        case failedToStart(String)
    }

    /// What happens to a sandbox.
    public enum Event: Sendable, Hashable {
        /// Begin starting the backend.
        case start
        /// The command is running.
        case launched
        /// Teardown begins, for this reason.
        case stop(StopReason)
        /// Teardown finished.
        case wiped
    }

    /// The current state.
    public private(set) var state = State.created
    /// Why it stopped, once it has.
    public private(set) var stopReason: StopReason?

    /// A new sandbox, `created`.
    public init() {}

    /// Applies `event`, or throws without changing anything when `event` is not allowed now.
    public mutating func apply(_ event: Event) throws(GatehouseError) {
        state = try Self.next(state, event)
        if case .stop(let reason) = event, stopReason == nil { stopReason = reason }
    }

    /// The state after `event` in `state`; the whole transition table.
    public static func next(_ state: State, _ event: Event) throws(GatehouseError) -> State {
        switch (state, event) {
        case (.created, .start): return .starting
        case (.starting, .launched): return .running
        case (.created, .stop), (.starting, .stop), (.running, .stop): return .stopping
        // A second stop (a removal racing an exit) changes nothing: teardown is under way.
        case (.stopping, .stop): return .stopping
        case (.stopping, .wiped): return .wiped
        default:
            throw GatehouseError(
                .sandboxState, "a sandbox that is \(state.rawValue) cannot \(Self.describe(event))")
        }
    }

    static func describe(_ event: Event) -> String {
        switch event {
        case .start: "start"
        case .launched: "be launched"
        case .stop: "stop"
        case .wiped: "be wiped"
        }
    }
}

extension GatehouseError.Code {
    /// A sandbox was asked to do something its state does not allow.
    public static let sandboxState = GatehouseError.Code(rawValue: "sandbox_state")
    /// The host cannot provide the sandbox asked for (a backend or isolation level it lacks).
    public static let sandboxUnavailable = GatehouseError.Code(rawValue: "sandbox_unavailable")
}
