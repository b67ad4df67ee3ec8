import Foundation
import GatehouseCore

/// The bubblewrap command line for one sandbox: every namespace unshared, capabilities
/// dropped, an unprivileged user inside, only the workspace and a private `/tmp` writable,
/// the environment exactly as given, and the seccomp filter on file descriptor 3.
struct BwrapArguments {
    /// Files every sandbox shares, read-only: the seccomp program, placeholders, the `/etc` view.
    let shared: String
    /// The sandbox's own directory on the host (its proxy socket).
    let stateDirectory: String
    /// The init helper on the host.
    let helper: String
    /// The user and group id inside, unless the spec names another (an image's `User`).
    static let uid = Int(SandboxUser.standard.uid)
    /// The loopback port inside where the egress proxy answers.
    static let proxyPort = 3128

    /// The arguments, and the workspace paths bwrap will create as mount points.
    /// `trustBundle` is the host path of the authorities the sandbox trusts (with the proxy).
    func build(
        _ spec: SandboxSpec, workspace: WorkspaceGuard?, proxy: Bool, trustBundle: String? = nil
    ) throws(GatehouseError) -> (
        arguments: [String], createdMountPoints: [String]
    ) {
        let user = spec.user ?? .standard
        var out = [
            "--unshare-all", "--unshare-user", "--uid", "\(user.uid)", "--gid", "\(user.gid)", "--hostname", "sandbox",
            "--die-with-parent", "--new-session", "--cap-drop", "ALL", "--clearenv",
        ]
        switch spec.root {
        case .host: out += HostView.arguments(etc: shared + "/etc")
        case .image(let path):
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw GatehouseError(.badRequest, "the image root \(path) is not a directory")
            }
            out += ["--ro-bind", path, "/"]
        }
        out += [
            "--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp", "--tmpfs", "/run", "--dir", "/run/gatehouse",
            "--ro-bind", helper, "/run/gatehouse/init",
        ]
        for path in try Self.checkedReadOnlyPaths(spec.readOnlyPaths) { out += ["--ro-bind", path, path] }
        var created: [String] = []
        if let workspace {
            out += ["--bind", workspace.root, "/workspace"]
            for protection in try workspace.protections() {
                let inside = "/workspace/" + protection.relative
                if protection.exists {
                    out += ["--ro-bind", workspace.root + "/" + protection.relative, inside]
                } else {
                    let placeholder = shared + (protection.directory ? "/empty-dir" : "/empty-file")
                    out += ["--ro-bind", placeholder, inside]
                    created.append(workspace.root + "/" + protection.relative)
                }
            }
            out += ["--chdir", "/workspace"]
        } else {
            out += ["--chdir", "/tmp"]
        }
        if let directory = spec.workingDirectory {
            guard directory.hasPrefix("/"), !directory.contains("/../") else {
                throw GatehouseError(.badRequest, "the working directory \(directory) must be an absolute path")
            }
            out += ["--chdir", directory]
        }
        if proxy { out += ["--bind", stateDirectory + "/proxy.sock", "/run/gatehouse/proxy.sock"] }
        var environment = environment(spec, workspace: workspace != nil, proxy: proxy)
        if let trustBundle {
            out += ["--ro-bind", trustBundle, Self.trustBundle]
            // Clients that read the system bundle see the sandbox's CA too (when the root has one).
            if Self.hasRegularSystemBundle(spec.root, shared: shared) {
                out += ["--ro-bind", trustBundle, SandboxRun.systemBundle]
            }
            environment.merge(SandboxRun.trustVariables(Self.trustBundle)) { given, _ in given }
        }
        for (name, value) in environment.sorted(by: { $0.key < $1.key }) {
            out += ["--setenv", name, value]
        }
        // /dev is the sandbox's own (null, zero, random, tty, shm), so writing there stays inside.
        out += ["--seccomp", "3", "/run/gatehouse/init", "--write", "/tmp", "--write", "/dev"]
        if workspace != nil { out += ["--write", "/workspace"] }
        if proxy { out += ["--proxy", "/run/gatehouse/proxy.sock:\(Self.proxyPort)"] }
        out += ["--"] + spec.command
        return (out, created)
    }

    /// Places never bound into a sandbox, even read-only: credentials, homes, the kernel's views.
    static let forbiddenPaths = ["/root", "/home", "/proc", "/sys", "/dev", "/run", "/etc", "/var/run", "/boot"]

    /// `paths` resolved and checked: absolute, existing, not `/` and not under a forbidden place.
    static func checkedReadOnlyPaths(_ paths: [String]) throws(GatehouseError) -> [String] {
        try paths.map { path throws(GatehouseError) in
            guard path.hasPrefix("/") else {
                throw GatehouseError(.badRequest, "the read-only path \(path) must be absolute")
            }
            let resolved = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
            guard FileManager.default.fileExists(atPath: resolved) else {
                throw GatehouseError(.badRequest, "the read-only path \(path) does not exist")
            }
            guard resolved != "/", !forbiddenPaths.contains(where: { resolved == $0 || resolved.hasPrefix($0 + "/") })
            else {
                throw GatehouseError(.badRequest, "the read-only path \(path) is a system or private location")
            }
            return resolved
        }
    }

    /// Where the sandbox finds the authorities it trusts.
    static let trustBundle = "/run/gatehouse/ca-bundle.pem"

    /// Whether the sandbox's root has the system bundle as a regular file to bind over (a
    /// symlink would be resolved inside the sandbox's root).
    static func hasRegularSystemBundle(_ root: SandboxSpec.Root, shared: String) -> Bool {
        let path: String
        switch root {
        case .host: path = shared + "/etc/ssl/certs/ca-certificates.crt"
        case .image(let image): path = image + SandboxRun.systemBundle
        }
        var info = stat()
        return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }

    /// The environment: exactly what the spec gives, plus `PATH` and `HOME` when it gives none,
    /// and the proxy variables when the network is the proxy.
    func environment(_ spec: SandboxSpec, workspace: Bool, proxy: Bool) -> [String: String] {
        var environment = spec.environment
        if environment["PATH"] == nil { environment["PATH"] = "/usr/local/bin:/usr/bin:/bin" }
        if environment["HOME"] == nil { environment["HOME"] = workspace ? "/workspace" : "/tmp" }
        if proxy {
            let url = "http://127.0.0.1:\(Self.proxyPort)"
            for name in ["HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy", "ALL_PROXY"] {
                environment[name] = url
            }
            environment["NO_PROXY"] = ""
        }
        return environment
    }

    /// Writes the files every sandbox shares, once per process and backend: the seccomp
    /// program, the placeholders, and an `/etc` made of copies of the host's harmless entries
    /// plus a passwd, group and hosts of the sandbox's own (one mount instead of a dozen).
    static func prepareShared(_ shared: String, seccomp: SeccompFilter) throws {
        let fileManager = FileManager.default
        let staging = shared + ".tmp-\(getpid())"
        try? fileManager.removeItem(atPath: staging)
        try fileManager.createDirectory(atPath: staging + "/etc", withIntermediateDirectories: true)
        try fileManager.createDirectory(
            atPath: staging + "/empty-dir", withIntermediateDirectories: true, attributes: [.posixPermissions: 0o555])
        for entry in HostView.etcEntries where fileManager.fileExists(atPath: entry) {
            let destination = staging + entry
            try fileManager.createDirectory(
                atPath: (destination as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try fileManager.copyItem(atPath: entry, toPath: destination)
        }
        let files: [(String, Data)] = [
            ("seccomp.bpf", Data(seccomp.program)),
            (
                "etc/passwd",
                Data(
                    "sandbox:x:\(uid):\(uid):sandbox:/workspace:/bin/sh\nnobody:x:65534:65534:nobody:/:/usr/sbin/nologin\n"
                        .utf8)
            ),
            ("etc/group", Data("sandbox:x:\(uid):\nnogroup:x:65534:\n".utf8)),
            ("etc/hosts", Data("127.0.0.1 localhost sandbox\n::1 localhost\n".utf8)),
            ("empty-file", Data()),
        ]
        for (name, data) in files {
            guard
                fileManager.createFile(
                    atPath: staging + "/" + name, contents: data, attributes: [.posixPermissions: 0o444])
            else { throw GatehouseError(.sandboxUnavailable, "cannot write \(staging)/\(name)") }
        }
        // Swapped in whole, so a sandbox never sees a half-written directory.
        try? fileManager.removeItem(atPath: shared)
        try fileManager.moveItem(atPath: staging, toPath: shared)
    }
}
