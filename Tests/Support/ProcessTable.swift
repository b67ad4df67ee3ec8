import Foundation

/// Processes seen in /proc, for tests that count what a component started or left behind.
public enum ProcessTable {
    /// Processes whose program (argv[0]) is `program` with `argument` among their arguments
    /// (so a sandbox's bwrap or shell, whose arguments name the program too, is not counted).
    public static func running(program: String, argument: String) -> [Int32] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap(Int32.init).filter { pid in
            guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return false }
            let arguments = data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
            return arguments.first == program && arguments.contains(argument)
        }
    }

    /// Zombie children of this process.
    /// The zombies still unreaped after up to `timeout`: a child another test running in
    /// parallel has just lost is reaped by its owner within moments, a leaked one never is.
    public static func lastingZombies(timeout: Duration = .seconds(5)) async -> [Int32] {
        let deadline = ContinuousClock.now + timeout
        var found = zombies()
        while !found.isEmpty, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(50))
            found = zombies().filter(found.contains)
        }
        return found
    }

    public static func zombies() -> [Int32] {
        let me = getpid()
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap(Int32.init).filter { pid in
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                let close = stat.lastIndex(of: ")")
            else { return false }
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            return fields.count > 2 && fields[0] == "Z" && Int32(fields[1]) == me
        }
    }
}
