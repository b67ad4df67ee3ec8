import GatehouseCore
import Testing

@testable import GatehouseSandbox

/// Every (state, event) pair of the lifecycle, against the table it must follow.
@Suite struct SandboxLifecycleTests {
    typealias L = SandboxLifecycle

    static let events: [L.Event] = [
        .start, .launched, .stop(.exited(0)), .stop(.timedOut), .stop(.removed), .stop(.failedToStart("x")), .wiped,
    ]

    /// The allowed transitions; every other pair must throw.
    static func expected(_ state: L.State, _ event: L.Event) -> L.State? {
        switch (state, event) {
        case (.created, .start): .starting
        case (.starting, .launched): .running
        case (.created, .stop), (.starting, .stop), (.running, .stop), (.stopping, .stop): .stopping
        case (.stopping, .wiped): .wiped
        default: nil
        }
    }

    @Test(arguments: L.State.allCases)
    func everyEventInEveryState(state: L.State) {
        for event in Self.events {
            let expected = Self.expected(state, event)
            do {
                let next = try L.next(state, event)
                #expect(next == expected, "\(state) + \(event)")
            } catch {
                #expect(expected == nil, "\(state) + \(event) threw \(error.message)")
                #expect(error.code == .sandboxState)
                #expect(error.message.contains(state.rawValue))
            }
        }
    }

    @Test func normalLifeEndsWiped() throws {
        var life = L()
        for event in [L.Event.start, .launched, .stop(.exited(3)), .wiped] { try life.apply(event) }
        #expect(life.state == .wiped)
        #expect(life.stopReason == .exited(3))
    }

    @Test func firstStopReasonWins() throws {
        var life = L()
        try life.apply(.start)
        try life.apply(.launched)
        try life.apply(.stop(.timedOut))
        try life.apply(.stop(.removed))
        #expect(life.stopReason == .timedOut)
    }

    @Test func wipedIsFinalAndRefusalsChangeNothing() throws {
        var life = L()
        #expect(throws: GatehouseError.self) { try life.apply(.launched) }
        #expect(life.state == .created)
        try life.apply(.stop(.removed))
        try life.apply(.wiped)
        for event in Self.events {
            #expect(throws: GatehouseError.self) { try life.apply(event) }
            #expect(life.state == .wiped)
        }
    }
}
