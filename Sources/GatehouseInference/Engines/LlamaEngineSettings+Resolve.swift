import Foundation

extension LlamaEngineSettings {
    /// Picks `llama-server` from `searchPath` when present, else `python -m llama_cpp.server`.
    ///
    /// Returns `nil` when neither is available.
    package static func resolveCommand(
        python: String?, searchPath: String = ProcessInfo.processInfo.environment["PATH"] ?? ""
    ) -> (command: [String], dialect: LlamaArgumentDialect)? {
        if let server = findExecutable("llama-server", searchPath: searchPath) {
            return ([server], .llamaServer)
        }
        if let python, FileManager.default.isExecutableFile(atPath: python) {
            return ([python, "-m", "llama_cpp.server"], .llamaCppPython)
        }
        return nil
    }

    /// The first executable named `name` in a colon-separated search path.
    package static func findExecutable(_ name: String, searchPath: String) -> String? {
        if name.contains("/") { return FileManager.default.isExecutableFile(atPath: name) ? name : nil }
        for dir in searchPath.split(separator: ":") where !dir.isEmpty {
            let candidate = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}

/// Reads `/proc/meminfo`.
package enum MemoryInfo {
    /// `MemAvailable` in bytes, or `nil` when unknown (not Linux).
    package static func availableBytes(meminfo path: String = "/proc/meminfo") -> UInt64? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        return parseAvailable(text)
    }

    /// Parses the `MemAvailable:  123 kB` line.
    package static func parseAvailable(_ text: String) -> UInt64? {
        for line in text.split(separator: "\n") where line.hasPrefix("MemAvailable:") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count >= 2, let kib = UInt64(fields[1]) else { return nil }
            return kib * 1024
        }
        return nil
    }
}
