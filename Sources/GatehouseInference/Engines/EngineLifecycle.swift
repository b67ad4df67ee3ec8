package import GatehouseCore

/// Where an engine is in its life.
package enum EngineState: Sendable, Equatable {
    /// The process is being spawned or has not answered `GET /v1/models` yet.
    case starting
    /// The engine answers requests.
    case ready(since: ContinuousClock.Instant)
    /// The process exited unexpectedly or failed to start; no restart before `retryAt`.
    case crashed(retryAt: ContinuousClock.Instant)
    /// SIGTERM was sent (or is about to be); the process is being reaped.
    case stopping
    /// The process is gone for good; the record is discarded.
    case stopped
}

/// What can happen to an engine.
package enum EngineEvent: Sendable, Equatable {
    /// The engine answered its readiness probe.
    case becameReady(at: ContinuousClock.Instant)
    /// The process exited (or failed to start) without being asked to.
    case exited(at: ContinuousClock.Instant)
    /// A restart is requested.
    case restart(at: ContinuousClock.Instant)
    /// An unload is requested.
    case stop
    /// The process was reaped after an unload.
    case reaped
}

/// The explicit state machine of one engine, with its restart backoff.
///
/// Transitions: starting → ready | crashed | stopping; ready → crashed | stopping;
/// crashed → starting (only once `retryAt` has passed) | stopping; stopping → stopped.
/// Every other pair is rejected and leaves the machine unchanged.
package struct EngineLifecycle: Sendable, Equatable {
    /// The current state.
    package private(set) var state: EngineState = .starting
    /// Consecutive failures without a long enough stable run in between.
    package private(set) var failures: Int = 0
    /// The restart delay policy.
    package let backoff: RestartBackoff

    /// A new engine, starting.
    package init(backoff: RestartBackoff) {
        self.backoff = backoff
    }

    /// Applies `event`, or throws `.internal` for a transition the machine does not allow.
    package mutating func handle(_ event: EngineEvent) throws(GatehouseError) {
        switch (state, event) {
        case (.starting, .becameReady(let at)):
            state = .ready(since: at)
        case (.starting, .exited(let at)):
            failures += 1
            state = .crashed(retryAt: at + backoff.delay(afterFailures: failures))
        case (.ready(let since), .exited(let at)):
            failures = at - since >= backoff.resetAfter ? 1 : failures + 1
            state = .crashed(retryAt: at + backoff.delay(afterFailures: failures))
        case (.crashed(let retryAt), .restart(let at)) where at >= retryAt:
            state = .starting
        case (.starting, .stop), (.ready, .stop), (.crashed, .stop):
            state = .stopping
        case (.stopping, .reaped):
            state = .stopped
        default:
            throw GatehouseError(.internal, "engine cannot handle \(event) while \(state)")
        }
    }

    /// Whether the engine holds (or is about to hold) a process, and so memory and a slot.
    package var holdsProcess: Bool {
        switch state {
        case .starting, .ready, .stopping: true
        case .crashed, .stopped: false
        }
    }
}
