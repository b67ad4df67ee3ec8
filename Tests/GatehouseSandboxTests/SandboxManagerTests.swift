import Foundation
import GatehouseCore
import Testing

@testable import GatehouseSandbox

/// The manager drives each sandbox through its lifecycle and chooses backends without ever
/// downgrading.
@Suite struct SandboxManagerTests {
    @Test func removalStopsWipesAndForgetsARunningSandbox() async throws {
        let backend = try await SandboxHarness.namespaces()
        let manager = SandboxManager(backends: [backend], reports: [], stateRoot: SandboxHarness.stateRoot)
        var spec = SandboxSpec(command: ["/bin/sh", "-c", "echo started; sleep 60"])
        spec.limits.wallSeconds = 120
        let started = try await manager.start(spec, on: backend, owner: "a#b") { _ in
            EgressDecision(allowed: false, reason: "")
        }
        var iterator = started.output.makeAsyncIterator()
        _ = await iterator.next()  // the command runs
        // The manager learns of the launch in a task of its own, a moment after the first output.
        let running = try await SandboxHarness.eventually {
            await manager.list(owner: "a#b").map(\.state) == [.running]
        }
        #expect(running)
        #expect(await manager.list(owner: "other#x").isEmpty)
        #expect(await !manager.remove(started.id, owner: "other#x"))  // not theirs
        #expect(await manager.remove(started.id, owner: "a#b"))
        #expect(try await started.result.value.reason == .removed)
        #expect(await manager.list(owner: nil).isEmpty)
        #expect(await !manager.remove(started.id, owner: nil))
    }

    @Test func choosingNeverDowngrades() async throws {
        let backend = try await SandboxHarness.namespaces()
        let manager = SandboxManager(
            backends: [backend],
            reports: [
                BackendReport(name: "microvm", level: .microvm, available: false, reason: "no QEMU", details: [:])
            ],
            stateRoot: SandboxHarness.stateRoot)
        #expect(try await manager.choose(nil, minimum: .namespaces).name == "namespaces")
        await #expect(throws: GatehouseError.self) { try await manager.choose(nil, minimum: .microvm) }
        do {
            _ = try await manager.choose("microvm", minimum: nil)
            Issue.record("an unavailable backend was chosen")
        } catch {
            #expect(error.code == .sandboxUnavailable)
            #expect(error.message.contains("no QEMU"))
        }
    }
}
