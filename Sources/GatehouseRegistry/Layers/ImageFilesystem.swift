/// The final filesystem of an image, as far as its facts need it: every path and its kind,
/// after applying the layers in order with OCI whiteouts (`.wh.NAME` removes NAME,
/// `.wh..wh..opq` empties its directory of lower layers' entries).
public struct ImageFilesystem: Sendable {
    /// Path → kind.
    public private(set) var entries: [String: TarEntry.Kind] = [:]

    /// An empty filesystem.
    public init() {}

    /// Applies one layer's entries on top.
    public mutating func apply(_ layer: [TarEntry]) {
        var added: [String: TarEntry.Kind] = [:]
        for entry in layer {
            let (directory, name) = Self.split(entry.path)
            if name == ".wh..wh..opq" {
                let prefix = directory.isEmpty ? "" : directory + "/"
                entries = entries.filter { !$0.key.hasPrefix(prefix) || $0.key == directory }
            } else if name.hasPrefix(".wh.") {
                let target = (directory.isEmpty ? "" : directory + "/") + name.dropFirst(4)
                entries = entries.filter { $0.key != target && !$0.key.hasPrefix(target + "/") }
            } else {
                added[entry.path] = entry.kind
            }
        }
        entries.merge(added) { $1 }
    }

    /// Whether `path` exists, following symlinks of its directories (`bin` → `usr/bin`) and of
    /// itself, a bounded number of times.
    public func exists(_ path: String) -> Bool { resolve(path, depth: 0) != nil }

    private func resolve(_ path: String, depth: Int) -> TarEntry.Kind? {
        guard depth < 16 else { return nil }
        if let kind = entries[path] {
            if case .symlink(let target) = kind {
                let (directory, _) = Self.split(path)
                return resolve(Self.join(directory, target), depth: depth + 1)
            }
            return kind
        }
        // A symlinked directory on the way.
        var prefix = ""
        for part in path.split(separator: "/").dropLast() {
            prefix = prefix.isEmpty ? String(part) : prefix + "/" + part
            if case .symlink(let target) = entries[prefix] {
                let (directory, _) = Self.split(prefix)
                let rest = path.dropFirst(prefix.count + 1)
                return resolve(Self.join(directory, target) + "/" + rest, depth: depth + 1)
            }
        }
        return nil
    }

    static func split(_ path: String) -> (String, String) {
        guard let slash = path.lastIndex(of: "/") else { return ("", path) }
        return (String(path[..<slash]), String(path[path.index(after: slash)...]))
    }

    /// `target` relative to `directory` (or absolute from the root), normalised.
    static func join(_ directory: String, _ target: String) -> String {
        var parts = target.hasPrefix("/") ? [] : directory.split(separator: "/").map(String.init)
        for part in target.split(separator: "/") {
            if part == "." { continue }
            if part == ".." {
                if !parts.isEmpty { parts.removeLast() }
                continue
            }
            parts.append(String(part))
        }
        return parts.joined(separator: "/")
    }
}
