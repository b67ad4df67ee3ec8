import Foundation
import GatehouseCore
import Testing

@testable import GatehouseInference

@Suite struct LlamaEnginesFailureTests {
    @Test func startFailureReportsTheLogTailToAllWaiters() async throws {
        let fake = try FakeEngine()
        let model = try fake.model("broken", mode: "fail")
        var settings = fake.settings()
        // A backoff no run of this test outlasts, so the second lease surely falls inside it.
        settings.backoff = RestartBackoff(initial: .seconds(120), maximum: .seconds(120), resetAfter: .seconds(600))
        try await withEngines(settings) { engines in
            let messages = await withTaskGroup(of: String.self) { group in
                for _ in 0..<3 {
                    group.addTask {
                        do {
                            _ = try await engines.lease(model)
                            return "leased"
                        } catch { return String(describing: error) }
                    }
                }
                return await group.reduce(into: [String]()) { $0.append($1) }
            }
            #expect(fake.starts(model).count == 1)
            for message in messages {
                #expect(message.contains("engine_unavailable"))
                #expect(message.contains("exit status 1"))
                #expect(message.contains("fatal: failed to load model"))
            }
            let again = await #expect(throws: GatehouseError.self) { try await engines.lease(model) }
            #expect(again?.message.contains("next restart attempt in") == true)
        }
    }

    @Test func startTimeoutKillsTheEngine() async throws {
        let fake = try FakeEngine()
        let model = try fake.model("slow", mode: "hang")
        var settings = fake.settings()
        settings.startTimeout = .seconds(3)  // well above the fake's start-up, even under parallel load
        try await withEngines(settings) { engines in
            let error = await #expect(throws: GatehouseError.self) { try await engines.lease(model) }
            #expect(error?.message.contains("was not ready within") == true)
            #expect(error?.message.contains("fake engine loading") == true)
            let pid = try #require(fake.starts(model).first?["pid"] as? Int)
            #expect(!processExists(Int32(pid)))
        }
    }

    @Test func retriesOnAnotherPortWhenTheBindFails() async throws {
        let fake = try FakeEngine()
        let model = try fake.model("port", mode: "bindfail_once")
        try await withEngines(fake.settings()) { engines in
            try await engines.lease(model).release()
            #expect(fake.starts(model).count == 2)
        }
    }
}
