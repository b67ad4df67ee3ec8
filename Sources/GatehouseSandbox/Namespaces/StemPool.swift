import Foundation
import GatehouseCore

/// Stems: `gatehouse-sandbox-init --stem` processes started ahead of time, each already in a
/// fresh control group of its own, waiting to become a sandbox's bwrap. Taking one skips the
/// shell, the group's creation and the move into it, which were most of a namespace sandbox's
/// start-up time beyond bwrap's own. A stem that is not ready (or none left) means the backend
/// starts the sandbox the direct way; nothing waits for a stem.
actor StemPool {
    /// A ready stem: its process (pipes included), its control socket and its group.
    struct Stem: Sendable {
        let child: ChildSpawn.Started
        let control: Int32
        let group: CgroupLimits
    }

    private let helper: String
    private let version: CgroupLimits.Version
    private let target: Int
    private var ready: [Stem] = []
    private var filling = 0
    private var closed = false
    private var fillWaiters: [CheckedContinuation<Void, Never>] = []
    /// How many sandboxes started from a stem.
    private(set) var taken = 0

    init(helper: String, version: CgroupLimits.Version, target: Int = 2) {
        self.helper = helper
        self.version = version
        self.target = target
    }

    /// A ready stem with `limits` applied to its group, or nil; starts refilling either way.
    func take(limits: SandboxSpec.Limits) -> Stem? {
        defer { refill() }
        // A CPU quota needs the cpu controller, which stems do not join.
        guard limits.cpus == nil else { return nil }
        // A stem that died while waiting (killed, out of memory) is discarded, not used.
        while let first = ready.first, !Self.isAlive(first) {
            ready.removeFirst()
            Self.discard(first)
        }
        guard !ready.isEmpty else { return nil }
        let stem = ready.removeFirst()
        do {
            try stem.group.apply(limits)
            taken += 1
            return stem
        } catch {
            Self.discard(stem)
            return nil
        }
    }

    /// Starts stems in the background until `target` are ready or starting.
    private func refill() {
        guard !closed else { return }
        while ready.count + filling < target {
            filling += 1
            let (helper, version) = (helper, version)
            // Creating the group and waiting for the stem to join it block: a thread of its
            // own, never one of the cooperative pool's.
            Thread.detachNewThread {
                let stem = Self.start(helper: helper, version: version)
                Task { await self.add(stem) }
            }
        }
    }

    private func add(_ stem: Stem?) {
        filling -= 1
        defer {
            if filling == 0 {
                for waiter in fillWaiters { waiter.resume() }
                fillWaiters = []
            }
        }
        guard let stem else { return }
        if closed { Self.discard(stem) } else { ready.append(stem) }
    }

    /// Starts filling the pool and waits until no stem is still starting (for tests).
    func fill() async {
        refill()
        guard filling > 0 else { return }
        await withCheckedContinuation { fillWaiters.append($0) }
    }

    /// Stems ready now.
    var readyCount: Int { ready.count }

    /// The ready stems' processes and group directories (for tests).
    var readyProcesses: [(pid: pid_t, directories: [String])] { ready.map { ($0.child.pid, $0.group.directories) } }

    /// Whether the stem's process is still waiting (not exited; not reaped, so its pid is safe).
    static func isAlive(_ stem: Stem) -> Bool {
        var info = siginfo_t()
        let status = waitid(P_PID, id_t(stem.child.pid), &info, WEXITED | WNOHANG | WNOWAIT)
        return status == 0 && info._sifields._sigchld.si_pid == 0
    }

    /// Discards every ready stem and starts no more; returns once they are reaped and their
    /// groups removed.
    func close() async {
        closed = true
        let all = ready
        ready = []
        for stem in all { await Self.discard(stem).value }
    }

    /// Starts one stem and waits (on this detached task) until it is in its group.
    private static func start(helper: String, version: CgroupLimits.Version) -> Stem? {
        let id = "stem-" + UUID().uuidString.prefix(12).lowercased()
        guard let group = try? CgroupLimits.create(id: id, limits: Self.noLimits, version: version) else { return nil }
        var pair: [Int32] = [0, 0]
        guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, &pair) == 0 else {
            group.remove()
            return nil
        }
        defer { Glibc.close(pair[1]) }
        let child: ChildSpawn.Started
        do {
            child = try ChildSpawn(
                executable: helper, arguments: ["--stem"] + group.procsFiles, environment: [:], interactive: true,
                control: pair[1]
            ).start()
        } catch {
            Glibc.close(pair[0])
            group.remove()
            return nil
        }
        let stem = Stem(child: child, control: pair[0], group: group)
        var answer: UInt8 = 0
        let count = read(pair[0], &answer, 1)
        guard count == 1, answer == UInt8(ascii: "R") else {
            discard(stem)
            return nil
        }
        return stem
    }

    /// Ends a stem that will not be used: closing its control socket makes it exit; it is
    /// reaped and its group removed on a thread of its own. Waiting for that is optional.
    @discardableResult
    static func discard(_ stem: Stem) -> Task<Void, Never> {
        Glibc.close(stem.control)
        for fd in [stem.child.stdout, stem.child.stderr] + (stem.child.stdin.map { [$0] } ?? []) { Glibc.close(fd) }
        return Task {
            await withCheckedContinuation { continuation in
                Thread.detachNewThread {
                    var status: Int32 = 0
                    while waitpid(stem.child.pid, &status, 0) < 0, errno == EINTR {}
                    stem.group.remove()
                    continuation.resume()
                }
            }
        }
    }

    /// Groups for stems start without limits; the sandbox's own are applied when it is taken.
    static let noLimits: SandboxSpec.Limits = {
        var limits = SandboxSpec.Limits()
        limits.memoryBytes = nil
        limits.pids = nil
        return limits
    }()
}

extension StemPool.Stem {
    /// Sends the command line the stem becomes; false when the stem is gone.
    func launch(
        executable: String, arguments: [String], environment: [String: String], cpuSeconds: Int?, seccomp: String
    )
        -> Bool
    {
        var strings = [cpuSeconds.map(String.init) ?? "", seccomp, executable, String(arguments.count + 1), executable]
        strings += arguments
        strings += environment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        // The strings travel NUL-terminated; one with a NUL inside could not.
        guard !strings.contains(where: { $0.utf8.contains(0) }) else { return false }
        var body = Data()
        for string in strings {
            body.append(contentsOf: Array(string.utf8))
            body.append(0)
        }
        let length = UInt32(body.count)
        var message = Data([
            UInt8(length & 0xff), UInt8(length >> 8 & 0xff), UInt8(length >> 16 & 0xff), UInt8(length >> 24),
        ])
        message.append(body)
        let sent = Descriptor.writeAll(message, to: control)
        // On failure the caller discards the stem, which closes the socket (once).
        if sent { close(control) }
        return sent
    }
}
