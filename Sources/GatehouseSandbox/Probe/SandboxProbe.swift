import Foundation
import GatehouseCore
import Synchronization

/// What the start-up probe found about one backend.
public struct BackendReport: Sendable, Hashable {
    /// The backend's name.
    public var name: String
    /// Its isolation level.
    public var level: IsolationLevel
    /// Whether a real sandbox ran on it.
    public var available: Bool
    /// Why not, when it is not.
    public var reason: String?
    /// What it uses.
    public var details: [String: String]
}

/// Finds the backends this host really has, by running a sandbox on each: the presence of a
/// binary or of `/dev/kvm` is not enough.
public enum SandboxProbe {
    /// The backends that work, strongest first, and a report on every backend. The microVM
    /// probe boots a guest (seconds under emulation), so it can be left out and run apart.
    public static func run(stateRoot: String, helper: String? = nil, microVM: Bool = true) async -> (
        backends: [any SandboxBackend], reports: [BackendReport]
    ) {
        var backends: [any SandboxBackend] = []
        var reports: [BackendReport] = []
        switch await probeNamespaces(stateRoot: stateRoot, helper: helper) {
        case .success(let backend):
            backends.append(backend)
            reports.append(.init(name: backend.name, level: backend.level, available: true, details: backend.details))
        case .failure(let error):
            reports.append(
                .init(name: "namespaces", level: .namespaces, available: false, reason: error.message, details: [:]))
        }
        if microVM {
            let (backend, report) = await probeMicroVM(stateRoot: stateRoot)
            if let backend { backends.append(backend) }
            reports.append(report)
        }
        return (backends.sorted { $0.level > $1.level }, reports)
    }

    static func probeNamespaces(stateRoot: String, helper: String?) async -> Result<NamespacesBackend, GatehouseError> {
        guard let bwrap = executable("bwrap") else {
            return .failure(GatehouseError(.sandboxUnavailable, "bwrap is not installed (Debian package bubblewrap)"))
        }
        guard let helper = helper ?? helperPath() else {
            return .failure(
                GatehouseError(
                    .sandboxUnavailable,
                    "gatehouse-sandbox-init was not found next to the gatehouse executable (set GATEHOUSE_SANDBOX_INIT)"
                ))
        }
        let landlock =
            Int(await capture(helper, ["--landlock-abi"]).trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
        let candidate = NamespacesBackend(
            bwrap: bwrap, helper: helper, cgroups: CgroupLimits.detect(), landlockABI: landlock, stateRoot: stateRoot)
        var spec = SandboxSpec(command: ["/bin/true"])
        spec.limits.memoryBytes = nil
        spec.limits.pids = nil
        spec.limits.wallSeconds = 15
        let errors = OutputCollector()
        do {
            let result = try await candidate.run(
                SandboxRun(id: "probe-" + UUID().uuidString.prefix(8).lowercased(), spec: spec, output: errors.collect))
            guard result.reason == .exited(0) else {
                return .failure(
                    GatehouseError(
                        .sandboxUnavailable,
                        "a probe sandbox failed: \(errors.text.suffix(300).trimmingCharacters(in: .whitespacesAndNewlines))"
                    ))
            }
            return .success(candidate)
        } catch let error as GatehouseError {
            return .failure(error)
        } catch {
            return .failure(GatehouseError(.sandboxUnavailable, "a probe sandbox failed: \(error)"))
        }
    }

    /// `gatehouse-sandbox-init`: `GATEHOUSE_SANDBOX_INIT`, else next to this executable (or
    /// next to the test bundle, in a build directory).
    public static func helperPath() -> String? {
        if let path = ProcessInfo.processInfo.environment["GATEHOUSE_SANDBOX_INIT"] {
            return FileManager.default.isExecutableFile(atPath: path) ? path : nil
        }
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            .deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("gatehouse-sandbox-init").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return nil
    }

    static func executable(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        let directories = path.split(separator: ":").map(String.init) + ["/usr/bin", "/bin", "/usr/local/bin"]
        return directories.map { $0 + "/" + name }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// The standard output of a short command, or empty; waits without blocking a thread.
    static func capture(_ executable: String, _ arguments: [String]) async -> String {
        let collected = OutputCollector()
        let environment = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]
        let ended = try? await WatchedProcess(
            executable: executable, arguments: arguments, environment: environment, wallSeconds: 60
        ).run(stdout: { collected.collect(.stdout($0)) }, stderr: { _ in }, launched: {})
        return ended == nil ? "" : collected.stdout
    }
}

/// Collects a sandbox's output in memory (for probes and tests).
public final class OutputCollector: Sendable {
    private let state = Mutex<(stdout: Data, stderr: Data)>((Data(), Data()))

    /// Creates an empty collector.
    public init() {}

    /// Appends a chunk.
    public func collect(_ output: SandboxOutput) {
        state.withLock { state in
            switch output {
            case .stdout(let data): state.stdout.append(data)
            case .stderr(let data): state.stderr.append(data)
            }
        }
    }

    /// Standard output so far.
    public var stdout: String { state.withLock { String(decoding: $0.stdout, as: UTF8.self) } }
    /// Standard error so far.
    public var stderr: String { state.withLock { String(decoding: $0.stderr, as: UTF8.self) } }
    /// Both.
    public var text: String { stdout + stderr }
}
