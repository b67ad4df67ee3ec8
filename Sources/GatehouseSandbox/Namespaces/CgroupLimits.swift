import Foundation
public import GatehouseCore

/// Memory, process and CPU limits through the kernel's control groups, v1 (one hierarchy per
/// controller) or v2 (one unified hierarchy). Each sandbox gets its own group under
/// `gatehouse/`; teardown kills whatever is left in it and removes it.
public struct CgroupLimits: Sendable, Hashable {
    /// Which cgroup hierarchy the host has.
    public enum Version: String, Sendable, Hashable {
        case v1, v2
    }

    /// The hierarchy in use.
    public let version: Version
    /// The sandbox's group directories (one per controller on v1).
    public let directories: [String]
    let root: String

    /// The host's cgroup version, when Gatehouse may create groups (it must be able to write).
    public static func detect(root: String = "/sys/fs/cgroup") -> Version? {
        let fileManager = FileManager.default
        if fileManager.fileExists(atPath: root + "/cgroup.controllers") {
            return fileManager.isWritableFile(atPath: root) ? .v2 : nil
        }
        let controllers = ["memory", "pids"]
        guard controllers.allSatisfy({ fileManager.isWritableFile(atPath: root + "/" + $0) }) else { return nil }
        return .v1
    }

    /// Creates the group of sandbox `id` with `limits`.
    public static func create(
        id: String, limits: SandboxSpec.Limits, version: Version, root: String = "/sys/fs/cgroup"
    ) throws(GatehouseError) -> CgroupLimits {
        let directories: [String]
        switch version {
        case .v1:
            // The cpu controller only when a quota is asked for (and the host has it).
            let controllers = ["memory", "pids"] + (limits.cpus == nil ? [] : ["cpu"])
            directories = controllers.map { "\(root)/\($0)/gatehouse/\(id)" }
        case .v2: directories = ["\(root)/gatehouse/\(id)"]
        }
        let group = CgroupLimits(version: version, directories: directories, root: root)
        do {
            if version == .v2 {
                try FileManager.default.createDirectory(atPath: root + "/gatehouse", withIntermediateDirectories: true)
                try? group.write("+memory +pids +cpu", to: root + "/cgroup.subtree_control")
                try? group.write("+memory +pids +cpu", to: root + "/gatehouse/cgroup.subtree_control")
            }
            for directory in directories {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            }
            try group.apply(limits)
        } catch let error as GatehouseError {
            group.remove()
            throw error
        } catch {
            group.remove()
            throw GatehouseError(.sandboxUnavailable, "cannot create the sandbox's control group: \(error)")
        }
        return group
    }

    func apply(_ limits: SandboxSpec.Limits) throws {
        switch version {
        case .v1:
            let (memory, pids) = (directories[0], directories[1])
            if let bytes = limits.memoryBytes {
                try write(String(bytes), to: memory + "/memory.limit_in_bytes")
                // Without swap accounting the limit still holds for RAM; with it, swap is capped too.
                try? write(String(bytes), to: memory + "/memory.memsw.limit_in_bytes")
            }
            if let pidsMax = limits.pids { try write(String(pidsMax), to: pids + "/pids.max") }
            if let cpus = limits.cpus {
                guard directories.count > 2 else { throw GatehouseError(.sandboxUnavailable, "no cpu controller") }
                try write(String(Self.cpuPeriod), to: directories[2] + "/cpu.cfs_period_us")
                try write(String(Self.quota(cpus)), to: directories[2] + "/cpu.cfs_quota_us")
            }
        case .v2:
            let directory = directories[0]
            if let bytes = limits.memoryBytes {
                try write(String(bytes), to: directory + "/memory.max")
                try? write("0", to: directory + "/memory.swap.max")
            }
            if let pidsMax = limits.pids { try write(String(pidsMax), to: directory + "/pids.max") }
            if let cpus = limits.cpus { try write("\(Self.quota(cpus)) \(Self.cpuPeriod)", to: directory + "/cpu.max") }
        }
    }

    /// The scheduling period for CPU quotas, in microseconds.
    static let cpuPeriod = 100_000

    /// The quota per period for `cpus` CPUs (at least the kernel's minimum of 1 ms).
    static func quota(_ cpus: Double) -> Int { max(1000, Int((cpus * Double(cpuPeriod)).rounded())) }

    /// The `cgroup.procs` files a process writes its pid to, to join the group.
    public var procsFiles: [String] { directories.map { $0 + "/cgroup.procs" } }

    /// Whether the kernel killed a process of the group for going over its memory limit.
    public var outOfMemory: Bool {
        switch version {
        case .v1:
            let text = (try? String(contentsOfFile: directories[0] + "/memory.oom_control", encoding: .utf8)) ?? ""
            return text.split(separator: "\n").contains { line in
                line.hasPrefix("oom_kill ") && line.split(separator: " ").last != "0"
            }
                || (try? String(contentsOfFile: directories[0] + "/memory.failcnt", encoding: .utf8))
                    .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) != "0" } == true
        case .v2:
            let text = (try? String(contentsOfFile: directories[0] + "/memory.events", encoding: .utf8)) ?? ""
            return text.split(separator: "\n").contains { $0.hasPrefix("oom_kill ") && !$0.hasSuffix(" 0") }
        }
    }

    /// Process ids still in the group.
    public var processes: [Int32] {
        Set(
            procsFiles.flatMap { file in
                ((try? String(contentsOfFile: file, encoding: .utf8)) ?? "").split(separator: "\n").compactMap {
                    Int32($0)
                }
            }
        ).sorted()
    }

    /// Removes the group's directories, first killing any process left in it (repeatedly,
    /// until the kernel lets the directories go or a bound of about a second is reached).
    /// The usual case, an empty group, costs one `rmdir` per controller and no wait.
    public func remove() {
        var left = directories
        for attempt in 0..<120 {
            left = left.filter { rmdir($0) != 0 && errno != ENOENT }
            if left.isEmpty { return }
            for pid in processes { kill(pid, SIGKILL) }
            // Processes killed a moment ago are still leaving the group: short waits first.
            usleep(attempt < 20 ? 250 : 10_000)
        }
    }

    func write(_ text: String, to path: String) throws {
        guard let handle = FileHandle(forWritingAtPath: path) else {
            throw GatehouseError(.sandboxUnavailable, "cannot write the control group setting \(path)")
        }
        defer { try? handle.close() }
        try handle.write(contentsOf: Data(text.utf8))
    }
}
