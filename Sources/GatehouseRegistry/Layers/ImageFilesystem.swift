/// The final filesystem of an image, as far as its facts need it: every path and its kind,
/// after applying the layers in order with OCI whiteouts (`.wh.NAME` removes NAME,
/// `.wh..wh..opq` empties its directory of lower layers' entries).
public struct ImageFilesystem: Sendable {
    /// Path → kind.
    public private(set) var entries: [String: TarEntry.Kind] = [:]

    /// An empty filesystem.
    public init() {}

    /// Applies one layer's entries on top: its whiteouts remove lower layers' entries (one pass
    /// over them, whatever the number of whiteouts), then its own entries are added.
    public mutating func apply(_ layer: [TarEntry]) {
        var added: [String: TarEntry.Kind] = [:]
        var opaque: Set<String> = []
        var removed: Set<String> = []
        for entry in layer {
            switch Whiteout.of(entry.path) {
            case .opaque(let directory): opaque.insert(directory)
            case .remove(let path, _): removed.insert(path)
            case nil: added[entry.path] = entry.kind
            }
        }
        if !opaque.isEmpty || !removed.isEmpty {
            entries = entries.filter { !Self.hidden($0.key, opaque: opaque, removed: removed) }
        }
        entries.merge(added) { $1 }
    }

    /// Whether `path` is under an opaque directory or is (or is under) a removed path.
    static func hidden(_ path: String, opaque: Set<String>, removed: Set<String>) -> Bool {
        if opaque.contains("") { return true }
        var index = path.startIndex
        while let slash = path[index...].firstIndex(of: "/") {
            let ancestor = String(path[..<slash])
            if opaque.contains(ancestor) || removed.contains(ancestor) { return true }
            index = path.index(after: slash)
        }
        return removed.contains(path)
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

    /// `dir/name` → (`dir`, `name`); a path without `/` is in the root (`""`).
    package static func split(_ path: String) -> (String, String) {
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
