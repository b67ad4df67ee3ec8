import Foundation
import GatehouseCore
import GatehouseTestSupport
import Testing

@testable import GatehouseSandbox

/// The microVM backend, where the machine has it (QEMU and an image from
/// scripts/microvm-image.sh; KVM if a guest boots with it, else emulation, so generous limits).
@Suite(.serialized) struct MicroVMTests {
    typealias H = SandboxHarness

    static func microVM() async throws -> MicroVMBackend {
        let (backends, reports) = await H.probe.value
        guard let backend = backends.compactMap({ $0 as? MicroVMBackend }).first else {
            let reason = reports.first { $0.name == "microvm" }?.reason ?? "not probed"
            try Test.cancel("the microvm backend is unavailable here: \(reason)")
        }
        return backend
    }

    @Test func bootsRoundTripsTheWorkspaceAndReturnsTheExitStatus() async throws {
        let backend = try await Self.microVM()
        let workspace = try H.workspace()
        defer { try? FileManager.default.removeItem(atPath: workspace) }
        try "from the host\n".write(toFile: workspace + "/in.txt", atomically: true, encoding: .utf8)
        let (result, output) = try await H.run(
            "cat in.txt; echo \"$GREETING\"; echo from the guest > out.txt; echo oops >&2; exit 7", backend: backend,
            workspace: workspace
        ) {
            $0.environment = ["GREETING": "it's me"]
            $0.limits.wallSeconds = 180
        }
        #expect(result.reason == .exited(7), "\(output.text)")
        #expect(result.backend == "microvm")
        #expect(output.stdout.contains("from the host\nit's me\n"), "\(output.stdout)")
        #expect(output.stderr.contains("oops"))
        #expect(try String(contentsOfFile: workspace + "/out.txt", encoding: .utf8) == "from the guest\n")
        let owner =
            try FileManager.default.attributesOfItem(atPath: workspace + "/out.txt")[.ownerAccountID] as? NSNumber
        #expect(owner?.uint32Value == getuid())
    }

    @Test func escapesFailInsideTheVM() async throws {
        let backend = try await Self.microVM()
        let workspace = try H.workspace()
        defer { try? FileManager.default.removeItem(atPath: workspace) }
        try FileManager.default.createDirectory(atPath: workspace + "/.git/hooks", withIntermediateDirectories: true)
        try "[core]\n".write(toFile: workspace + "/.git/config", atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: workspace + "/etc", withDestinationPath: "/etc")
        let listener = try LoopbackServerForVM()
        defer { listener.close() }
        let marker = "40\(Int.random(in: 100_000...999_999))"
        let script =
            EscapeTests.attempt("shadow", "cat /etc/shadow") + EscapeTests.attempt("root", "ls /root/.bashrc")
            + EscapeTests.attempt("hooks", "sh -c 'echo evil > .git/hooks/pre-commit'")
            + EscapeTests.attempt("unmount", "sh -c 'umount .git/hooks && echo evil > .git/hooks/pre-commit'")
            + EscapeTests.attempt("remount", "mount -o remount,rw .git/hooks")
            + EscapeTests.attempt("config", "sh -c 'echo evil >> .git/config'")
            + EscapeTests.attempt("mcp", "sh -c 'umount .mcp.json; echo evil > .mcp.json'")
            + EscapeTests.attempt("capabilities", "grep -q 'CapEff:.*[1-9a-f]' /proc/self/status")
            + EscapeTests.attempt("control", "sh -c 'echo 0 > /run/gatehouse/exit'")
            + EscapeTests.attempt("symlink", "cat etc/shadow")
            + EscapeTests.attempt("network", "nc -w 2 10.0.2.2 \(listener.port) </dev/null")
            + EscapeTests.attempt("host-process", "kill -0 \(getpid())")
            + "sleep \(marker) &\n"
        let (result, output) = try await H.run(script, backend: backend, workspace: workspace) {
            $0.limits.wallSeconds = 180
        }
        #expect(result.reason == .exited(0), "\(output.text)")
        EscapeTests.expectBlocked(
            [
                "shadow", "root", "hooks", "unmount", "remount", "config", "mcp", "capabilities", "control", "symlink",
                "network", "host-process",
            ], output)
        #expect(!FileManager.default.fileExists(atPath: workspace + "/.git/hooks/pre-commit"))
        #expect(try String(contentsOfFile: workspace + "/.git/config", encoding: .utf8) == "[core]\n")
        // The placeholder that kept .mcp.json from being created is gone again.
        #expect(!FileManager.default.fileExists(atPath: workspace + "/.mcp.json"))
        #expect(listener.accepted == 0)
        #expect(EscapeTests.processes(containing: marker).isEmpty)
    }

    @Test func egressGoesOnlyThroughTheProxy() async throws {
        let backend = try await Self.microVM()
        let allowed = try LoopbackServer.httpEcho()
        let other = try LoopbackServer.httpEcho()
        defer {
            allowed.close()
            other.close()
        }
        let decisions = OutputCollector()
        let socket = H.stateRoot + "/vm-proxy-" + UUID().uuidString.prefix(8).lowercased() + ".sock"
        let proxy = try await EgressProxy.start(
            socketPath: socket, sandboxID: "vm", allow: [try HostRule(parsing: "127.0.0.1:\(allowed.port)")]
        ) { request in
            decisions.collect(.stdout(Data("\(request.resource) \(request.allowlisted)\n".utf8)))
            return EgressDecision(allowed: request.allowlisted, reason: "not on the allowlist")
        }
        let script =
            EscapeTests.attempt("allowed-host-unreachable", "! wget -q -O - http://127.0.0.1:\(allowed.port)/ok")
            + EscapeTests.attempt("other", "wget -q -O - http://127.0.0.1:\(other.port)/no")
            + EscapeTests.attempt("direct", "nc -w 2 10.0.2.2 \(other.port) </dev/null")
            + EscapeTests.attempt("dns", "nslookup example.com")
        let (result, output) = try await H.run(script, backend: backend, proxySocket: socket) {
            $0.network = .proxy(allow: [])
            $0.limits.wallSeconds = 180
        }
        await proxy.stop()
        #expect(result.reason == .exited(0), "\(output.text)")
        EscapeTests.expectBlocked(["allowed-host-unreachable", "other", "direct", "dns"], output)
        #expect(allowed.accepted == 1)
        #expect(other.accepted == 0)
        #expect(decisions.stdout.contains("127.0.0.1:\(other.port) false"))
    }

    @Test func theTimeLimitStopsTheVM() async throws {
        let backend = try await Self.microVM()
        let id = "t-vm-limit-" + UUID().uuidString.prefix(8).lowercased()
        let (result, _) = try await H.run("sleep 600", backend: backend, id: id) { $0.limits.wallSeconds = 3 }
        #expect(result.reason == .timedOut)
        // No QEMU of this VM is left (its control directory is on its command line); other
        // suites' VMs may be running meanwhile.
        let control = "path=" + H.stateRoot + "/" + id + ","
        #expect(
            EscapeTests.processes(containing: "qemu-system").allSatisfy { pid in
                !String(
                    decoding: FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") ?? Data(), as: UTF8.self
                )
                .contains(control)
            })
    }
}

/// A listener the guest would reach at QEMU's host address if it had a network.
typealias LoopbackServerForVM = GatehouseTestSupport.LoopbackServer
