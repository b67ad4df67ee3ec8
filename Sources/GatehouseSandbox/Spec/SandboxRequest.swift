import Foundation
public import GatehouseCore

/// A sandbox as asked for over the API or the command line, before it is checked.
public struct SandboxRequest: Sendable, Hashable, Codable {
    /// The command and its arguments.
    public var command: [String]
    /// The workspace directory on the server's host.
    public var workspace: String?
    /// An unpacked image root to use instead of the host's system directories.
    public var imageRoot: String?
    /// The environment, exactly.
    public var env: [String: String]?
    /// Hosts the egress proxy lets through (`host[:port]`); any entry turns the proxy on.
    public var allowHosts: [String]?
    /// `none` (default) or `proxy`.
    public var network: String?
    /// The backend; default: the strongest the host has.
    public var backend: String?
    /// Memory limit, like `512M` or `2G`.
    public var memory: String?
    /// Process limit.
    public var pids: Int?
    /// CPU-time limit in seconds.
    public var cpuSeconds: Int?
    /// CPU bandwidth in CPUs, like 0.5 or 2.
    public var cpus: Double?
    /// Wall-time limit, like `90s`, `10m` or `1h` (at most 24h).
    public var timeout: String?

    enum CodingKeys: String, CodingKey {
        case command, workspace, env, network, backend, memory, pids, timeout, cpus
        case imageRoot = "image_root"
        case allowHosts = "allow_hosts"
        case cpuSeconds = "cpu_seconds"
    }

    /// Creates a request.
    public init(command: [String]) {
        self.command = command
    }

    /// The checked spec; a workspace must lie under one of `workspaceRoots`, an image root under
    /// one of `imageRoots` (a root elsewhere could expose the host's files).
    public func spec(workspaceRoots: [String], imageRoots: [String] = []) throws(GatehouseError) -> SandboxSpec {
        guard !command.isEmpty, command.count <= 4096, !command[0].isEmpty else {
            throw GatehouseError(.badRequest, "command must name a program")
        }
        guard command.allSatisfy({ !$0.contains("\0") }) else {
            throw GatehouseError(.badRequest, "command arguments cannot contain NUL")
        }
        var spec = SandboxSpec(command: command)
        if let workspace {
            let resolved = try WorkspaceGuard(workspace: workspace).root
            guard workspaceRoots.contains(where: { resolved == $0 || resolved.hasPrefix($0 + "/") }) else {
                throw GatehouseError(
                    .forbidden,
                    "the workspace \(resolved) is not under a directory of sandbox.workspace_roots")
            }
            spec.workspace = resolved
        }
        if let imageRoot {
            let resolved = URL(fileURLWithPath: imageRoot).resolvingSymlinksInPath().path
            guard imageRoots.contains(where: { resolved.hasPrefix($0 + "/") }) else {
                throw GatehouseError(
                    .forbidden, "the image root \(resolved) is not under a directory of sandbox.image_roots")
            }
            spec.root = .image(resolved)
        }
        for (name, value) in env ?? [:] {
            guard !name.isEmpty, !name.contains("="), !name.contains("\0"), !value.contains("\0") else {
                throw GatehouseError(.badRequest, "invalid environment variable \(name.prefix(60))")
            }
        }
        spec.environment = env ?? [:]
        let rules = try (allowHosts ?? []).map { text throws(GatehouseError) in try HostRule(parsing: text) }
        switch network ?? (rules.isEmpty ? "none" : "proxy") {
        case "none":
            guard rules.isEmpty else { throw GatehouseError(.badRequest, "allow_hosts needs network proxy") }
            spec.network = .none
        case "proxy": spec.network = .proxy(allow: rules)
        default: throw GatehouseError(.badRequest, "network must be none or proxy")
        }
        if let memory { spec.limits.memoryBytes = try Self.bytes(memory) }
        if let pids {
            guard (1...65536).contains(pids) else { throw GatehouseError(.badRequest, "pids must be 1 to 65536") }
            spec.limits.pids = pids
        }
        if let cpuSeconds {
            guard (1...86400).contains(cpuSeconds) else {
                throw GatehouseError(.badRequest, "cpu_seconds must be 1 to 86400")
            }
            spec.limits.cpuSeconds = cpuSeconds
        }
        if let cpus {
            guard cpus.isFinite, cpus >= 0.01, cpus <= 1024 else {
                throw GatehouseError(.badRequest, "cpus must be from 0.01 to 1024")
            }
            spec.limits.cpus = cpus
        }
        if let timeout { spec.limits.wallSeconds = try Self.seconds(timeout) }
        return spec
    }

    /// `512M`, `2G`, `65536K` or a number of bytes; at least 4 MiB.
    public static func bytes(_ text: String) throws(GatehouseError) -> Int64 {
        let units: [Character: Int64] = ["K": 1 << 10, "M": 1 << 20, "G": 1 << 30]
        var digits = Substring(text.uppercased())
        var unit: Int64 = 1
        if let last = digits.last, let scale = units[last] {
            unit = scale
            digits = digits.dropLast()
        }
        guard let number = Int64(digits), number > 0, number <= (1 << 40) / unit, number * unit >= 4 << 20 else {
            throw GatehouseError(.badRequest, "memory must be like 512M or 2G (at least 4M)")
        }
        return number * unit
    }

    /// `90s`, `10m`, `1h`, or seconds; 1 second to 24 hours.
    public static func seconds(_ text: String) throws(GatehouseError) -> Int {
        let units: [Character: Int] = ["s": 1, "m": 60, "h": 3600]
        var digits = Substring(text.lowercased())
        var unit = 1
        if let last = digits.last, let scale = units[last] {
            unit = scale
            digits = digits.dropLast()
        }
        guard let number = Int(digits), number > 0, number * unit <= 86400 else {
            throw GatehouseError(.badRequest, "timeout must be like 90s, 10m or 1h (at most 24h)")
        }
        return number * unit
    }
}
