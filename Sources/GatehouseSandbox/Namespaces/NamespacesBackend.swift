import Foundation
import GatehouseCore
import Synchronization

/// The namespace backend: bubblewrap with user, mount, pid, ipc, uts, net and cgroup
/// namespaces, a seccomp filter of our own, Landlock where the kernel has it, and cgroup limits.
public struct NamespacesBackend: SandboxBackend {
    public let name = "namespaces"
    public let level = IsolationLevel.namespaces
    /// The bubblewrap executable.
    public let bwrap: String
    /// The `gatehouse-sandbox-init` executable.
    public let helper: String
    /// The cgroup hierarchy limits go through; nil when the host lets none be created.
    public let cgroups: CgroupLimits.Version?
    /// The kernel's Landlock ABI version; 0 without Landlock.
    public let landlockABI: Int
    /// Where per-sandbox state directories go.
    public let stateRoot: String
    /// Processes started ahead of time in control groups of their own (with cgroups only).
    let stems: StemPool?
    /// The files all sandboxes of this backend share (prepared on first use).
    var sharedDirectory: String { stateRoot + "/shared" }

    public var details: [String: String] {
        [
            "bwrap": bwrap, "helper": helper, "cgroups": cgroups?.rawValue ?? "unavailable",
            "landlock": landlockABI > 0 ? "abi \(landlockABI)" : "unavailable",
            "seccomp": SeccompFilter.Architecture.current?.rawValue ?? "unsupported architecture",
        ]
    }

    /// Creates the backend from what a probe found.
    public init(bwrap: String, helper: String, cgroups: CgroupLimits.Version?, landlockABI: Int, stateRoot: String) {
        self.bwrap = bwrap
        self.helper = helper
        self.cgroups = cgroups
        self.landlockABI = landlockABI
        self.stateRoot = stateRoot
        self.stems = cgroups.map { StemPool(helper: helper, version: $0) }
    }

    public func shutdown() async {
        await stems?.close()
    }

    public func run(_ run: SandboxRun) async throws -> SandboxResult {
        let started = ContinuousClock.now
        guard let architecture = SeccompFilter.Architecture.current else {
            throw GatehouseError(.sandboxUnavailable, "the seccomp filter does not support this CPU architecture")
        }
        if run.spec.limits.memoryBytes != nil || run.spec.limits.pids != nil || run.spec.limits.cpus != nil,
            cgroups == nil
        {
            throw GatehouseError(
                .sandboxUnavailable,
                "memory, process and CPU limits need control groups, and this host lets Gatehouse create none (run as root, or delegate a cgroup)"
            )
        }
        let state = stateRoot + "/" + run.id
        let arguments = BwrapArguments(shared: sharedDirectory, stateDirectory: state, helper: helper)
        var createdMountPoints: [String] = []
        var group: CgroupLimits?
        defer {
            // Teardown, whatever happened: processes, control group, placeholders, state.
            group?.remove()
            for path in createdMountPoints.reversed() { WorkspaceGuard.removePlaceholder(path) }
            try? FileManager.default.removeItem(atPath: state)
        }
        let workspace = try run.spec.workspace.map { path throws(GatehouseError) in try WorkspaceGuard(workspace: path)
        }
        try await Self.ensureShared(sharedDirectory, architecture: architecture)
        if let socket = run.proxySocket {
            // The proxy listens at a path of its own; the sandbox sees it at a fixed place.
            try? FileManager.default.createDirectory(
                atPath: state, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            // A hard link: bwrap binds the socket file itself (a symlink would be resolved inside).
            guard link(socket, state + "/proxy.sock") == 0 else {
                throw GatehouseError(.sandboxUnavailable, "cannot make the proxy socket available to the sandbox")
            }
        }
        var trustBundle: String?
        if let bundle = run.trustBundle {
            trustBundle = state + "/ca-bundle.pem"
            guard FileManager.default.createFile(atPath: trustBundle!, contents: Data(bundle.utf8)) else {
                throw GatehouseError(.sandboxUnavailable, "cannot write the sandbox's trusted authorities")
            }
        }
        let built = try arguments.build(
            run.spec, workspace: workspace, proxy: run.proxySocket != nil, trustBundle: trustBundle)
        createdMountPoints = built.createdMountPoints
        // A stem already in a group of its own is used when one is ready: from here to its
        // launch nothing throws, so it is either launched or discarded.
        let stem = await stems?.take(limits: run.spec.limits)
        if let stem {
            group = stem.group
        } else if let version = cgroups {
            group = try CgroupLimits.create(id: run.id, limits: run.spec.limits, version: version)
        }
        let reason = try await BwrapProcess(
            bwrap: bwrap, arguments: built.arguments, seccompFile: sharedDirectory + "/seccomp.bpf",
            cgroupProcs: group?.procsFiles ?? [], cpuSeconds: run.spec.limits.cpuSeconds,
            wallSeconds: run.spec.limits.wallSeconds, input: run.input, stem: stem
        ).run(output: run.output, launched: run.launched)
        let outOfMemory = group?.outOfMemory ?? false
        return SandboxResult(
            reason: reason, backend: name, outOfMemory: outOfMemory,
            totalMicros: started.duration(to: .now).micros)
    }

    /// Prepares the shared files once per process (again if someone removed them).
    static func ensureShared(_ directory: String, architecture: SeccompFilter.Architecture) async throws {
        try await SharedFiles.instance.ensure(directory) {
            do {
                try BwrapArguments.prepareShared(directory, seccomp: SeccompFilter(architecture: architecture))
            } catch let error as GatehouseError {
                throw error
            } catch {
                throw GatehouseError(.sandboxUnavailable, "cannot prepare the sandboxes' shared files: \(error)")
            }
        }
    }
}

extension Duration {
    /// Whole microseconds.
    var micros: Int64 { components.seconds * 1_000_000 + components.attoseconds / 1_000_000_000_000 }
}

/// Which shared directories this process has prepared.
actor SharedFiles {
    static let instance = SharedFiles()
    private var prepared: Set<String> = []

    func ensure(_ directory: String, prepare: () throws -> Void) throws {
        if prepared.contains(directory), FileManager.default.fileExists(atPath: directory + "/seccomp.bpf") { return }
        try prepare()
        prepared.insert(directory)
    }
}
