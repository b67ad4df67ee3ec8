import GatehouseCore
import Testing

@testable import GatehouseInference

@Suite struct EngineLifecycleTests {
    let backoff = RestartBackoff(initial: .seconds(1), maximum: .seconds(30), resetAfter: .seconds(60))
    let t0 = ContinuousClock.now

    /// A machine driven into `state` through allowed transitions.
    func machine(in state: String) throws -> EngineLifecycle {
        var machine = EngineLifecycle(backoff: backoff)
        switch state {
        case "starting": break
        case "ready": try machine.handle(.becameReady(at: t0))
        case "crashed": try machine.handle(.exited(at: t0))
        case "stopping": try machine.handle(.stop)
        case "stopped":
            try machine.handle(.stop)
            try machine.handle(.reaped)
        default: Issue.record("unknown state \(state)")
        }
        return machine
    }

    static let states = ["starting", "ready", "crashed", "stopping", "stopped"]
    static let events = ["becameReady", "exited", "restartEarly", "restartLate", "stop", "reaped"]

    func event(_ name: String) -> EngineEvent {
        switch name {
        case "becameReady": .becameReady(at: t0 + .seconds(5))
        case "exited": .exited(at: t0 + .seconds(5))
        case "restartEarly": .restart(at: t0 + .milliseconds(500))
        case "restartLate": .restart(at: t0 + .seconds(2))
        case "stop": .stop
        default: .reaped
        }
    }

    /// The expected state after each (state, event); `nil` means the transition is refused.
    func expected(_ state: String, _ event: String) -> EngineState? {
        switch (state, event) {
        case ("starting", "becameReady"): .ready(since: t0 + .seconds(5))
        case ("starting", "exited"): .crashed(retryAt: t0 + .seconds(6))
        case ("ready", "exited"): .crashed(retryAt: t0 + .seconds(5) + .seconds(1))
        case ("crashed", "restartLate"): .starting
        case ("starting", "stop"), ("ready", "stop"), ("crashed", "stop"): .stopping
        case ("stopping", "reaped"): .stopped
        default: nil
        }
    }

    @Test(arguments: states, events)
    func transition(state: String, event name: String) throws {
        var machine = try machine(in: state)
        let before = machine
        if let next = expected(state, name) {
            try machine.handle(event(name))
            #expect(machine.state == next)
        } else {
            #expect(throws: GatehouseError.self) { try machine.handle(event(name)) }
            #expect(machine == before)
        }
    }

    @Test func backoffDoublesAndCaps() {
        let delays = (1...8).map { backoff.delay(afterFailures: $0) }
        #expect(delays == [1, 2, 4, 8, 16, 30, 30, 30].map { Duration.seconds($0) })
    }

    @Test func repeatedCrashesGrowTheBackoffAndAStableRunResetsIt() throws {
        var machine = EngineLifecycle(backoff: backoff)
        var now = t0
        for expectedDelay in [1, 2, 4] {
            try machine.handle(.becameReady(at: now))
            now += .seconds(10)
            try machine.handle(.exited(at: now))
            #expect(machine.state == .crashed(retryAt: now + .seconds(expectedDelay)))
            now += .seconds(expectedDelay)
            try machine.handle(.restart(at: now))
        }
        try machine.handle(.becameReady(at: now))
        now += .seconds(61)
        try machine.handle(.exited(at: now))
        #expect(machine.failures == 1)
        #expect(machine.state == .crashed(retryAt: now + .seconds(1)))
    }

    @Test func startFailuresCountTowardsBackoff() throws {
        var machine = EngineLifecycle(backoff: backoff)
        try machine.handle(.exited(at: t0))
        try machine.handle(.restart(at: t0 + .seconds(1)))
        try machine.handle(.exited(at: t0 + .seconds(2)))
        #expect(machine.state == .crashed(retryAt: t0 + .seconds(4)))
        #expect(machine.holdsProcess == false)
    }
}
