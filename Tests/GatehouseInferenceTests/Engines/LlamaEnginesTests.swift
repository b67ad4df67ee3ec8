import Foundation
import GatehouseCore
import Testing

@testable import GatehouseInference

@Suite struct LlamaEnginesTests {
    @Test func fiveConcurrentLeasesShareOneStart() async throws {
        let fake = try FakeEngine()
        let model = try fake.model("alpha")
        try await withEngines(fake.settings()) { engines in
            let ports = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<5 {
                    group.addTask {
                        let lease = try await engines.lease(model)
                        await lease.release()
                        return lease.port
                    }
                }
                return try await group.reduce(into: Set<Int>()) { $0.insert($1) }
            }
            #expect(ports.count == 1)
            #expect(fake.starts(model).count == 1)
            #expect(await engines.spawnCount == 1)
            let env = try #require(fake.starts(model).first?["env"] as? [String])
            #expect(Set(env).isSubset(of: ["HOME", "LANG", "PATH", "LC_CTYPE"]))
            #expect(env.contains("HOME"))
        }
    }

    @Test func evictsTheLeastRecentlyUsedIdleEngineAtMaxLoaded() async throws {
        let fake = try FakeEngine()
        let (a, b, c) = (try fake.model("a"), try fake.model("b"), try fake.model("c"))
        try await withEngines(fake.settings(maxLoaded: 2)) { engines in
            for model in [a, b, a] { try await engines.lease(model).release() }
            let bPid = try #require(await engines.loaded().first { $0.name == "b" }?.pid)
            try await engines.lease(c).release()
            #expect(await engines.loaded().map(\.name) == ["a", "c"])
            #expect(await eventually { !processExists(bPid) })
        }
    }

    @Test func refusesWhenAllSlotsAreBusy() async throws {
        let fake = try FakeEngine()
        let (a, b) = (try fake.model("a"), try fake.model("b"))
        try await withEngines(fake.settings(maxLoaded: 1)) { engines in
            let held = try await engines.lease(a)
            let error = await #expect(throws: GatehouseError.self) { try await engines.lease(b) }
            #expect(error?.code == .engineUnavailable)
            #expect(error?.message.contains("busy") == true)
            #expect(await engines.loaded().first?.inFlight == 1)
            await held.release()
            try await engines.lease(b).release()
            #expect(await engines.loaded().map(\.name) == ["b"])
        }
    }

    @Test func refusesModelsThatDoNotFitTheMemoryBudget() async throws {
        let fake = try FakeEngine()
        let huge = try fake.model("huge", bytes: 1_500)
        let (busy, idle, next) = (
            try fake.model("busy", bytes: 600), try fake.model("idle", bytes: 300), try fake.model("next", bytes: 300)
        )
        try await withEngines(fake.settings(maxLoaded: 3, memoryBudget: 1_000)) { engines in
            let tooBig = await #expect(throws: GatehouseError.self) { try await engines.lease(huge) }
            #expect(tooBig?.code == .insufficientMemory)
            let held = try await engines.lease(busy)
            try await engines.lease(idle).release()
            // 600 busy + 300 idle + 300 new > 1000: the idle engine is evicted to make room.
            try await engines.lease(next).release()
            #expect(await engines.loaded().map(\.name) == ["busy", "next"])
            let stillBig = await #expect(throws: GatehouseError.self) {
                try await engines.lease(fake.model("big", bytes: 500))
            }
            #expect(stillBig?.code == .insufficientMemory)
            #expect(fake.starts(try fake.model("big", bytes: 500)).isEmpty)
            await held.release()
        }
    }

    @Test func crashedEngineBacksOffThenRestarts() async throws {
        let fake = try FakeEngine()
        let model = try fake.model("crashy")
        try await withEngines(fake.settings()) { engines in
            let lease = try await engines.lease(model)
            let firstPid = try #require(await engines.loaded().first?.pid)
            #expect(LoopbackSocket.httpStatus(port: lease.port, path: "/crash") == nil)
            await lease.release()
            let failedFast = await eventually {
                do {
                    try await engines.lease(model).release()
                    return false
                } catch {
                    let message = String(describing: error)
                    return message.contains("next restart attempt in") && message.contains("exit status 7")
                }
            }
            #expect(failedFast)
            let restarted = await eventually { (try? await engines.lease(model)) != nil }
            #expect(restarted)
            #expect(fake.starts(model).count == 2)
            let secondPid = try #require(await engines.loaded().first?.pid)
            #expect(secondPid != firstPid)
        }
    }

    @Test func monitorRestartsACrashedEngineWhileItsKeepAliveHolds() async throws {
        let fake = try FakeEngine()
        let model = try fake.model("watched")
        let engines = LlamaEngines(settings: fake.settings())
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await engines.run() }
            let lease = try await engines.lease(model)
            _ = LoopbackSocket.httpStatus(port: lease.port, path: "/crash")
            await lease.release()
            let restarted = await eventually {
                let status = await engines.loaded().first?.status
                return fake.starts(model).count == 2 && status == "ready"
            }
            #expect(restarted)
            group.cancelAll()
            try? await group.waitForAll()
        }
        #expect(await engines.loaded().isEmpty)
    }

    @Test func idleEnginesAreUnloaded() async throws {
        let fake = try FakeEngine()
        let (once, brief, forever) = (try fake.model("once"), try fake.model("brief"), try fake.model("forever"))
        let engines = LlamaEngines(settings: fake.settings(maxLoaded: 3))
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await engines.run() }
            let lease = try await engines.lease(once, keepAlive: .zero)
            let pid = try #require(await engines.loaded().first?.pid)
            await lease.release()
            #expect(await engines.loaded().isEmpty)
            #expect(!processExists(pid))
            try await engines.lease(forever, keepAlive: .seconds(-1)).release()
            try await engines.lease(brief, keepAlive: .milliseconds(200)).release()
            #expect(await engines.loaded().first { $0.name == "brief" }?.expiresAt != nil)
            #expect(await eventually { await engines.loaded().map(\.name) == ["forever"] })
            #expect(await engines.loaded().first?.expiresAt == nil)
            group.cancelAll()
            try? await group.waitForAll()
        }
        #expect(await engines.loaded().isEmpty)
    }

    @Test func unloadAllKillsEveryEngine() async throws {
        let fake = try FakeEngine()
        let engines = LlamaEngines(settings: fake.settings(maxLoaded: 2))
        let held = try await engines.lease(fake.model("x"))
        try await engines.lease(fake.model("y")).release()
        let pids = await engines.loaded().compactMap(\.pid)
        #expect(pids.count == 2)
        await engines.unloadAll()
        #expect(await engines.loaded().isEmpty)
        #expect(pids.allSatisfy { !processExists($0) })
        await held.release()
    }
}

/// What an engine process inherits: nothing of the server's descriptors.
@Suite struct EngineDescriptorTests {
    @Test func anEngineHoldsNoneOfTheServersDescriptors() async throws {
        var ends: [Int32] = [0, 0]
        try #require(pipe(&ends) == 0)  // not close-on-exec: a child would inherit it by default
        defer { ends.forEach { close($0) } }
        var info = stat()
        try #require(fstat(ends[1], &info) == 0)
        let pipeName = "pipe:[\(info.st_ino)]"
        let fake = try FakeEngine()
        let engines = LlamaEngines(settings: fake.settings())
        let lease = try await engines.lease(try fake.model("isolated"))
        let pid = try #require(await engines.loaded().first?.pid)
        let held = ((try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd")) ?? []).compactMap {
            try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/fd/\($0)")
        }
        await lease.release()
        await engines.unloadAll()
        #expect(!held.isEmpty)
        #expect(!held.contains(pipeName))
    }
}
