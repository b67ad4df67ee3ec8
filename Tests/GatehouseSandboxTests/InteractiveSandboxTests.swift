import Foundation
import GatehouseCore
import Testing

@testable import GatehouseSandbox

/// Interactive sandboxes (tool servers on stdio) and what every child inherits from Gatehouse.
@Suite struct InteractiveSandboxTests {
    @Test func inputWrittenBeforeAndAfterTheStartReachesTheCommandInOrder() async throws {
        let backend = try await SandboxHarness.namespaces()
        let input = SandboxInput()
        var spec = SandboxSpec(command: ["/bin/sh", "-c", "while read line; do echo \"got:$line\"; done; echo eof"])
        spec.limits.wallSeconds = 60
        let output = OutputCollector()
        // Written before the sandbox exists: kept and delivered once it runs.
        let early = Task { try await input.write(Data("one\n".utf8)) }
        let run = Task {
            try await backend.run(
                SandboxRun(id: "t-io-" + UUID().uuidString.prefix(8), spec: spec, input: input, output: output.collect))
        }
        try await early.value
        try await input.write(Data("two\n".utf8))
        input.close()
        let result = try await run.value
        #expect(result.reason == .exited(0))
        #expect(output.stdout == "got:one\ngot:two\neof\n")
    }

    @Test func writingAfterTheSandboxEndedFailsInsteadOfHanging() async throws {
        let backend = try await SandboxHarness.namespaces()
        let input = SandboxInput()
        var spec = SandboxSpec(command: ["/bin/true"])
        spec.limits.wallSeconds = 60
        let result = try await backend.run(
            SandboxRun(id: "t-io-" + UUID().uuidString.prefix(8), spec: spec, input: input, output: { _ in }))
        #expect(result.reason == .exited(0))
        await #expect(throws: GatehouseError.self) { try await input.write(Data("late\n".utf8)) }
    }

    @Test func theCommandInheritsNoDescriptorOfGatehouse() async throws {
        let backend = try await SandboxHarness.namespaces()
        // A descriptor Gatehouse has open (as it has its database and listeners) without
        // close-on-exec must not reach the sandbox.
        let leaked = open("/dev/null", O_RDONLY)
        defer { close(leaked) }
        #expect(leaked > 2)
        let (result, output) = try await SandboxHarness.run("ls /proc/self/fd", backend: backend)
        #expect(result.reason == .exited(0))
        // 0, 1, 2, and the directory `ls` itself opened to list them.
        let descriptors = output.stdout.split(separator: "\n").compactMap { Int($0) }
        #expect(descriptors.count == 4, "descriptors in the sandbox: \(descriptors)")
    }
}

/// Stems: processes started ahead of time in a control group, which a sandbox becomes.
@Suite struct StemTests {
    @Test func aSandboxStartedFromAStemHasItsOwnLimitsOutputAndStatus() async throws {
        let shared = try await SandboxHarness.namespaces()
        guard shared.cgroups != nil else {
            try Test.cancel("this host lets Gatehouse create no control groups, so there are no stems")
        }
        // A backend of its own, so that no test running alongside takes its stems.
        let backend = NamespacesBackend(
            bwrap: shared.bwrap, helper: shared.helper, cgroups: shared.cgroups, landlockABI: shared.landlockABI,
            stateRoot: shared.stateRoot)
        let stems = try #require(backend.stems)
        await stems.fill()
        let (result, output) = try await SandboxHarness.run("echo out; echo err >&2; exit 3", backend: backend)
        #expect(await stems.taken == 1)
        #expect(result.reason == .exited(3))
        #expect(output.stdout == "out\n")
        #expect(output.stderr == "err\n")

        // The limits are this sandbox's: with 3 processes at most, the fourth fork fails.
        await stems.fill()
        let (limited, limitedOutput) = try await SandboxHarness.run(
            "for i in 1 2 3 4 5 6; do sleep 5 & done; echo all-started", backend: backend
        ) { $0.limits.pids = 3 }
        #expect(await stems.taken == 2)
        #expect(limited.reason != .exited(0))
        #expect(!limitedOutput.stdout.contains("all-started"))
        await backend.shutdown()
    }

    @Test func discardedStemsLeaveNoProcessOrGroup() async throws {
        let backend = try await SandboxHarness.namespaces()
        guard let version = backend.cgroups else {
            try Test.cancel("this host lets Gatehouse create no control groups, so there are no stems")
        }
        let pool = StemPool(helper: backend.helper, version: version, target: 3)
        await pool.fill()
        let stems = await pool.readyProcesses
        #expect(stems.count == 3)
        for stem in stems {
            #expect(kill(stem.pid, 0) == 0)
            #expect(stem.directories.allSatisfy { FileManager.default.fileExists(atPath: $0) })
        }
        await pool.close()
        #expect(await pool.readyCount == 0)
        for stem in stems {
            // Reaped, so not even a zombie is left; and the groups are gone.
            #expect(kill(stem.pid, 0) == -1 && errno == ESRCH)
            #expect(stem.directories.allSatisfy { !FileManager.default.fileExists(atPath: $0) })
        }
        #expect(await pool.take(limits: SandboxSpec.Limits()) == nil)
    }
}
