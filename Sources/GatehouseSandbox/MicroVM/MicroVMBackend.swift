import Foundation
import GatehouseCore

/// The microVM backend: the command runs in a QEMU virtual machine with its own kernel (Debian's)
/// and a busybox initramfs built by `scripts/microvm-image.sh`. The workspace is shared over
/// virtio-9p. Without the egress proxy there is no network device at all; with it, only QEMU's
/// restricted user-mode network, which forwards nothing but the proxy's address. Standard output streams from a serial port;
/// standard error and the exit status come back through a control share. KVM is used when a
/// probe guest really boots with it; otherwise software emulation (TCG).
public struct MicroVMBackend: SandboxBackend {
    public let name = "microvm"
    public let level = IsolationLevel.microvm
    /// The QEMU executable.
    public let qemu: String
    /// The image directory (vmlinuz, initrd.gz).
    public let image: String
    /// `kvm` or `tcg`.
    public let accelerator: String
    /// Where per-sandbox control directories go.
    public let stateRoot: String
    /// `gatehouse-sandbox-init`, which QEMU runs to carry each proxy connection.
    public let helper: String

    public var details: [String: String] {
        [
            "qemu": qemu, "image": image, "accelerator": accelerator,
            "kernel": (try? String(contentsOfFile: image + "/kernel-version", encoding: .utf8))?
                .trimmingCharacters(in: .whitespacesAndNewlines) ?? "?",
        ]
    }

    /// Creates the backend from what a probe found.
    public init(qemu: String, image: String, accelerator: String, stateRoot: String, helper: String) {
        self.helper = helper
        self.qemu = qemu
        self.image = image
        self.accelerator = accelerator
        self.stateRoot = stateRoot
    }

    public func run(_ run: SandboxRun) async throws -> SandboxResult {
        let started = ContinuousClock.now
        var proxySocket: String?
        if case .proxy = run.spec.network {
            guard let socket = run.proxySocket, !socket.contains(","), !helper.contains(",") else {
                throw GatehouseError(.sandboxUnavailable, "the microvm's egress proxy socket is missing")
            }
            proxySocket = socket
        }
        guard run.spec.readOnlyPaths.isEmpty, run.spec.workingDirectory == nil else {
            throw GatehouseError(
                .sandboxUnavailable, "the microvm backend cannot bind host paths or choose a working directory yet")
        }
        guard run.input == nil else {
            throw GatehouseError(
                .sandboxUnavailable,
                "the microvm backend has no interactive standard input yet; run interactive sandboxes on namespaces")
        }
        guard case .host = run.spec.root else {
            throw GatehouseError(
                .sandboxUnavailable, "the microvm backend boots its own root; image roots are not supported")
        }
        let workspace = try run.spec.workspace.map { path throws(GatehouseError) in try WorkspaceGuard(workspace: path)
        }
        let control = stateRoot + "/" + run.id
        var placeholders: [String] = []
        defer {
            for path in placeholders.reversed() { WorkspaceGuard.removePlaceholder(path) }
            try? FileManager.default.removeItem(atPath: control)
        }
        // The uncompressed kernel boots through its PVH entry: nothing to decompress (emulated).
        let kernel =
            FileManager.default.fileExists(atPath: image + "/vmlinux") ? image + "/vmlinux" : image + "/vmlinuz"
        let initrd = try MicroVMInitrd.path(image: image, helper: helper, directory: stateRoot + "/initrd")
        var files = ["command": Self.script(run.spec), "user": Self.guestUser(workspace: workspace)]
        if let workspace {
            let protections = try workspace.materializedProtections()
            placeholders = protections.created
            files["protect"] = protections.paths.map { $0 + "\n" }.joined()
        }
        if proxySocket != nil { files["network"] = "proxy\n" }
        if let bundle = run.trustBundle { files["ca-bundle.pem"] = bundle }
        do {
            try FileManager.default.createDirectory(
                atPath: control, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            for (name, contents) in files {
                try contents.write(toFile: control + "/" + name, atomically: true, encoding: .utf8)
            }
        } catch {
            throw GatehouseError(.sandboxUnavailable, "cannot prepare the microVM's control directory: \(error)")
        }
        let memoryMiB = max(128, Int((run.spec.limits.memoryBytes ?? (512 << 20)) >> 20))
        var arguments = [
            "-machine", "pc,i8042=off", "-accel", accelerator, "-cpu", accelerator == "kvm" ? "host" : "max",
            "-m", "\(memoryMiB)", "-smp", "\(Self.virtualCPUs(run.spec.limits.cpus))", "-nographic", "-no-reboot",
            "-nodefaults", "-kernel", kernel, "-initrd", initrd, "-append", Self.kernelCommandLine,
            "-serial", "null", "-serial", "stdio",
            "-fsdev", "local,id=control,path=\(control),security_model=none",
            "-device", "virtio-9p-pci,fsdev=control,mount_tag=control",
        ]
        if let proxySocket {
            // restrict=on: the guest reaches nothing but the forward to the proxy (no host, no
            // routing, no DNS). QEMU runs the helper for each connection.
            arguments += [
                "-netdev",
                "user,id=egress,restrict=on,net=10.0.2.0/24,guestfwd=tcp:10.0.2.100:3128-cmd:\(helper) --stdio-to \(proxySocket)",
                "-device", "virtio-net-pci,netdev=egress",
            ]
        } else {
            arguments += ["-nic", "none"]
        }
        if let workspace {
            arguments += [
                "-fsdev", "local,id=workspace,path=\(workspace.root),security_model=none",
                "-device", "virtio-9p-pci,fsdev=workspace,mount_tag=workspace",
            ]
        }
        let outcome = try await VMProcess(qemu: qemu, arguments: arguments, wallSeconds: run.spec.limits.wallSeconds)
            .run(output: run.output, launched: run.launched)
        if let stderr = FileManager.default.contents(atPath: control + "/stderr"), !stderr.isEmpty {
            run.output(.stderr(stderr))
        }
        let reason: SandboxLifecycle.StopReason
        if outcome.timedOut {
            reason = .timedOut
        } else if outcome.cancelled {
            reason = .removed
        } else if let text = try? String(contentsOfFile: control + "/exit", encoding: .utf8),
            let status = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines))
        {
            reason = .exited(status)
        } else {
            reason = .failedToStart(
                "the virtual machine stopped without an exit status (QEMU status \(outcome.status))")
        }
        return SandboxResult(reason: reason, backend: name, totalMicros: started.duration(to: .now).micros)
    }

    /// The guest kernel's command line. Besides silence and no reboot on panic, it skips what
    /// costs seconds under emulation: TSC and timer checks, the absent PS/2 controller, the wait
    /// for entropy (the `max` CPU model has RDRAND, which it may trust), and speculative-
    /// execution mitigations inside the guest (they would only separate the guest's own
    /// processes; the boundary to the host is the virtual machine, whose protections are the
    /// host's).
    static let kernelCommandLine =
        "console=ttyS0 quiet loglevel=0 panic=-1 tsc=reliable no_timer_check i8042.noaux i8042.nokbd i8042.nopnp "
        + "random.trust_cpu=on mitigations=off"

    /// Virtual CPUs for a CPU limit: that many, rounded up (each is at most one host CPU), from
    /// 1 to the host's count.
    static func virtualCPUs(_ cpus: Double?) -> Int {
        guard let cpus else { return 1 }
        return min(max(1, Int(cpus.rounded(.up))), ProcessInfo.processInfo.activeProcessorCount)
    }

    /// Who the command runs as inside the guest, `UID:GID`: the workspace's owner (so what it
    /// writes is its own, and 9p's permission checks agree with the host's), else 65534. Always
    /// without capabilities, even when that is 0.
    static func guestUser(workspace: WorkspaceGuard?) -> String {
        var info = stat()
        guard let workspace, stat(workspace.root, &info) == 0 else { return "65534:65534\n" }
        return "\(info.st_uid):\(info.st_gid)\n"
    }

    /// The command as a script: the environment exported, then the command, each word quoted.
    static func script(_ spec: SandboxSpec) -> String {
        var environment = spec.environment
        if environment["PATH"] == nil { environment["PATH"] = "/bin" }
        if environment["HOME"] == nil { environment["HOME"] = spec.workspace == nil ? "/tmp" : "/workspace" }
        if case .proxy = spec.network {
            for name in ["HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy"] {
                environment[name] = "http://10.0.2.100:3128"
            }
            // The guest's init installs the bundle (the host's authorities and the sandbox's CA).
            environment.merge(SandboxRun.trustVariables(SandboxRun.systemBundle)) { given, _ in given }
        }
        var out = ""
        for (name, value) in environment.sorted(by: { $0.key < $1.key })
        where name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) {
            out += "export \(name)=\(quote(value))\n"
        }
        return out + "exec " + spec.command.map(quote).joined(separator: " ") + "\n"
    }

    static func quote(_ word: String) -> String {
        "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
