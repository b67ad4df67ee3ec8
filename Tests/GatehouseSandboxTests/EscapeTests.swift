import Foundation
import GatehouseCore
import GatehouseTestSupport
import Testing

@testable import GatehouseSandbox

/// Each test attempts an escape from inside a sandbox and observes it fail. Markers are
/// printed only by the attempt itself (`ESCAPED:` when it worked, `BLOCKED:` when it failed),
/// so a test cannot pass by not running the attempt.
@Suite(.serialized) struct EscapeTests {
    typealias H = SandboxHarness

    static func attempt(_ name: String, _ command: String) -> String {
        "if \(command) >/dev/null 2>&1; then echo ESCAPED:\(name); else echo BLOCKED:\(name); fi\n"
    }

    static func expectBlocked(_ names: [String], _ output: OutputCollector) {
        for name in names {
            #expect(output.stdout.contains("BLOCKED:\(name)"), "\(name) was not observed failing: \(output.text)")
            #expect(!output.stdout.contains("ESCAPED:\(name)"), "\(name) escaped")
        }
    }

    @Test func hostSecretsAndHomesAreInvisible() async throws {
        let backend = try await H.namespaces()
        #expect(FileManager.default.fileExists(atPath: "/etc/shadow"))  // the host has what is tried
        let script =
            Self.attempt("shadow", "cat /etc/shadow") + Self.attempt("root", "ls /root/.bashrc")
            + Self.attempt("home", "ls /home") + Self.attempt("ssh", "ls /etc/ssh")
            + Self.attempt("proc-root", "ls /proc/1/root/root")
        let (result, output) = try await H.run(script, backend: backend)
        #expect(result.reason == .exited(0))
        Self.expectBlocked(["shadow", "root", "home", "ssh", "proc-root"], output)
    }

    @Test func onlyTheWorkspaceIsWritableAndProtectedFilesStayReadOnly() async throws {
        let backend = try await H.namespaces()
        let workspace = try H.workspace()
        defer { try? FileManager.default.removeItem(atPath: workspace) }
        try FileManager.default.createDirectory(atPath: workspace + "/.git", withIntermediateDirectories: true)
        try "[core]\n".write(toFile: workspace + "/.git/config", atomically: true, encoding: .utf8)
        try "echo hi\n".write(toFile: workspace + "/.bashrc", atomically: true, encoding: .utf8)
        let script =
            Self.attempt("usr", "touch /usr/escape") + Self.attempt("etc", "touch /etc/escape")
            + Self.attempt("hooks", "sh -c 'echo evil > .git/hooks/pre-commit'")
            + Self.attempt("hooks-dir", "rm -rf .git/hooks")
            + Self.attempt("git-config", "sh -c 'echo evil >> .git/config'")
            + Self.attempt("bashrc", "sh -c 'echo evil >> .bashrc'")
            + Self.attempt("mcp", "sh -c 'echo {} > .mcp.json'")
            + "echo made > made.txt && mkdir -p sub && echo ok > sub/file && echo WROTE\n"
        let (result, output) = try await H.run(script, backend: backend, workspace: workspace)
        #expect(result.reason == .exited(0))
        Self.expectBlocked(["usr", "etc", "hooks", "hooks-dir", "git-config", "bashrc", "mcp"], output)
        #expect(output.stdout.contains("WROTE"))
        let fileManager = FileManager.default
        #expect(try String(contentsOfFile: workspace + "/made.txt", encoding: .utf8) == "made\n")
        let owner = try fileManager.attributesOfItem(atPath: workspace + "/made.txt")[.ownerAccountID] as? NSNumber
        #expect(owner?.uint32Value == getuid())  // owned by the invoking user
        #expect(try String(contentsOfFile: workspace + "/.git/config", encoding: .utf8) == "[core]\n")
        #expect(try String(contentsOfFile: workspace + "/.bashrc", encoding: .utf8) == "echo hi\n")
        // Placeholders Gatehouse put in are gone again.
        #expect(!fileManager.fileExists(atPath: workspace + "/.git/hooks"))
        #expect(!fileManager.fileExists(atPath: workspace + "/.mcp.json"))
        #expect(!fileManager.fileExists(atPath: workspace + "/.profile"))
        #expect(!fileManager.fileExists(atPath: "/usr/escape") && !fileManager.fileExists(atPath: "/etc/escape"))
    }

    @Test func plantedSymlinksDoNotLeadOut() async throws {
        let backend = try await H.namespaces()
        let workspace = try H.workspace()
        defer { try? FileManager.default.removeItem(atPath: workspace) }
        try FileManager.default.createSymbolicLink(atPath: workspace + "/etc", withDestinationPath: "/etc")
        try FileManager.default.createSymbolicLink(atPath: workspace + "/roothome", withDestinationPath: "/root")
        let script =
            Self.attempt("read-shadow", "cat etc/shadow") + Self.attempt("write-etc", "touch etc/escape")
            + Self.attempt("root-home", "ls roothome/.bashrc")
        let (_, output) = try await H.run(script, backend: backend, workspace: workspace)
        Self.expectBlocked(["read-shadow", "write-etc", "root-home"], output)
        #expect(!FileManager.default.fileExists(atPath: "/etc/escape"))
        #expect(try WorkspaceGuard(workspace: workspace).escapingSymlinks().sorted() == ["etc", "roothome"])
        // A protected path that is a symlink is refused outright.
        try FileManager.default.createSymbolicLink(
            atPath: workspace + "/.mcp.json", withDestinationPath: "/root/.ssh/id_rsa")
        await #expect(throws: GatehouseError.self) {
            _ = try await H.run("true", backend: backend, workspace: workspace)
        }
    }

    @Test func noNetworkButItsOwnLoopback() async throws {
        let backend = try await H.namespaces()
        let listener = try LoopbackServer()
        defer { listener.close() }
        let script =
            Self.attempt(
                "host-loopback",
                "/usr/bin/python3 -c 'import socket; socket.create_connection((\"127.0.0.1\", \(listener.port)), 2)'")
            + Self.attempt("dns", "getent hosts example.com")
            + Self.attempt(
                "outside", "/usr/bin/python3 -c 'import socket; socket.create_connection((\"1.1.1.1\", 53), 2)'")
        let (_, output) = try await H.run(script, backend: backend)
        Self.expectBlocked(["host-loopback", "dns", "outside"], output)
        #expect(listener.accepted == 0)
    }

    @Test func ptraceAndNamespaceCallsAreRefused() async throws {
        let backend = try await H.namespaces()
        let python = """
            import ctypes, os
            libc = ctypes.CDLL(None, use_errno=True)
            for name, nr, args in [("ptrace", 101, (0, 0, 0, 0)), ("unshare", 272, (0x10000000,)), ("bpf", 321, (0, 0, 0)), ("keyctl", 250, (0,)), ("mount", 165, (0, 0, 0, 0, 0)), ("io_uring_setup", 425, (1, 0))]:
                if libc.syscall(nr, *args) == -1 and ctypes.get_errno() == 1:
                    print("BLOCKED:" + name)
                else:
                    print("ESCAPED:" + name)
            """
        let (_, output) = try await H.run("/usr/bin/python3 -c '\(python)'", backend: backend)
        Self.expectBlocked(["ptrace", "unshare", "bpf", "keyctl", "mount", "io_uring_setup"], output)
    }

    @Test func forkBombHitsThePidsLimit() async throws {
        let backend = try await H.namespaces()
        guard backend.cgroups != nil else { try Test.cancel("this host lets Gatehouse create no control groups") }
        let python = """
            import os, time
            started = 0
            for i in range(64):
                try:
                    pid = os.fork()
                except OSError as error:
                    print("BLOCKED:fork errno %d" % error.errno)
                    break
                if pid == 0:
                    time.sleep(30)
                    os._exit(0)
                started += 1
            print("STARTED:%d" % started)
            """
        let (result, output) = try await H.run("/usr/bin/python3 -c '\(python)'", backend: backend) {
            $0.limits.pids = 16
        }
        #expect(result.reason == .exited(0))
        let started = output.stdout.split(separator: "\n").first { $0.hasPrefix("STARTED:") }.flatMap {
            Int($0.dropFirst(8))
        }
        #expect((started ?? 64) < 16, "\(output.text)")
        #expect(output.stdout.contains("BLOCKED:fork errno 11"), "\(output.text)")  // EAGAIN
    }

    @Test func memoryOverTheLimitIsAnOOMKill() async throws {
        let backend = try await H.namespaces()
        guard backend.cgroups != nil else { try Test.cancel("this host lets Gatehouse create no control groups") }
        let (result, _) = try await H.run(
            "/usr/bin/python3 -c 'x = bytearray(256 * 1024 * 1024); print(len(x))'", backend: backend
        ) { $0.limits.memoryBytes = 64 << 20 }
        #expect(result.outOfMemory)
        #expect(result.exitStatus == 137)
    }

    /// A quarter of a CPU: 0.3 s of CPU time takes at least about 1.1 s of wall time (the quota
    /// lets 25 ms run per 100 ms period); unthrottled it would take about 0.3 s.
    @Test func theCPUQuotaThrottles() async throws {
        let backend = try await H.namespaces()
        guard backend.cgroups != nil else { try Test.cancel("this host lets Gatehouse create no control groups") }
        let python = """
            import time
            wall, cpu = time.monotonic(), time.process_time()
            while time.process_time() - cpu < 0.3:
                pass
            print("RATIO:%.2f" % ((time.monotonic() - wall) / 0.3))
            """
        let (result, output) = try await H.run("/usr/bin/python3 -c '\(python)'", backend: backend) {
            $0.limits.cpus = 0.25
        }
        #expect(result.reason == .exited(0), "\(output.text)")
        let ratio = output.stdout.split(separator: "\n").first { $0.hasPrefix("RATIO:") }.flatMap {
            Double($0.dropFirst(6))
        }
        #expect((ratio ?? 0) >= 2.5, "\(output.text)")
    }

    @Test func hostProcessesAreInvisibleAndUnkillable() async throws {
        let backend = try await H.namespaces()
        let victimPID = try ChildProcess.spawn("/bin/sleep", ["120"])
        defer {
            kill(victimPID, SIGKILL)
            _ = ChildProcess.waitForExit(victimPID)
        }
        let script =
            Self.attempt("kill", "kill -9 \(victimPID)")
            + Self.attempt("see", "test -d /proc/\(victimPID)")
            + "ls /proc | grep -c '^[0-9]' | sed 's/^/PIDS:/'\n"
        let (_, output) = try await H.run(script, backend: backend)
        Self.expectBlocked(["kill", "see"], output)
        var victimStatus: Int32 = 0
        #expect(waitpid(victimPID, &victimStatus, WNOHANG) == 0, "the host process was killed from inside")
        let visible = output.stdout.split(separator: "\n").first { $0.hasPrefix("PIDS:") }.flatMap {
            Int($0.dropFirst(5))
        }
        #expect((visible ?? 99) <= 6, "\(output.stdout)")
    }

    @Test func nothingOutlivesTeardownNotEvenAfterATimeout() async throws {
        let backend = try await H.namespaces()
        let marker = "30\(Int.random(in: 100_000...999_999))"
        let script = "setsid sleep \(marker) & nohup sleep \(marker) >/dev/null 2>&1 & (sleep \(marker) &) ; sleep 30"
        let id = "t-" + UUID().uuidString.prefix(12).lowercased()
        let (result, _) = try await H.run(script, backend: backend, id: id) { $0.limits.wallSeconds = 2 }
        #expect(result.reason == .timedOut)
        #expect(result.exitStatus == 124)
        // Without control groups the inner processes die through --die-with-parent, a moment
        // after bwrap is reaped; with them, teardown already waited for the group to empty.
        let gone = try await H.eventually { Self.processes(containing: marker).isEmpty }
        #expect(gone, "\(Self.processes(containing: marker))")
        #expect(!FileManager.default.fileExists(atPath: H.stateRoot + "/" + id))
    }

    /// Host processes whose command line contains `text`.
    static func processes(containing text: String) -> [String] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.filter { Int($0) != nil }.filter { pid in
            let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") ?? Data()
            return String(decoding: data, as: UTF8.self).contains(text)
        }
    }
}
