import GatehouseCore

/// Reads `package-lock.json` (and `npm-shrinkwrap.json`), lockfile versions 1, 2 and 3.
enum NpmLockfileCataloger {
    /// How deep lockfile-v1 `dependencies` may nest before the rest is skipped with a note.
    static let maxDepth = 128

    /// The packages the lockfile installs, without duplicates (same name and version).
    ///
    /// Versions 2 and 3: the `packages` map; the root `""` entry, `link: true` entries and workspace
    /// folders (keys without a `node_modules/` segment: first-party code, like the root) are skipped; the
    /// name is the entry's `name` (an alias's real name) or the key after its last `node_modules/`.
    /// Version 1: the nested `dependencies` tree, walked without recursion; `npm:` aliases resolve to the
    /// real package, `file:`/`link:` versions are skipped. Throws when the file is not a JSON object or has
    /// neither map.
    static func catalog(_ content: [UInt8], path: String) throws(GatehouseError) -> CatalogResult {
        let object = try NpmJSON.object(content, path: path, limit: CatalogerKind.npmLockfile.maxBytes)
        var collector = Collector(path: path)
        if let packages = object["packages"] as? [String: Any] {
            for key in packages.keys.sorted() {
                guard let entry = packages[key] as? [String: Any] else { continue }
                collector.addV2(key: key, entry: entry)
            }
        } else if let dependencies = object["dependencies"] as? [String: Any] {
            collector.walkV1(dependencies)
        } else {
            throw GatehouseError(.scanInputInvalid, "\(ScanText.echo(path)): neither packages nor dependencies")
        }
        return CatalogResult(packages: collector.packages, notes: collector.notes.all)
    }

    /// Accumulates packages and notes while reading one lockfile.
    private struct Collector {
        let path: String
        var packages: [Package] = []
        var notes = Notes()
        var seen: Set<String> = []

        init(path: String) { self.path = path }

        mutating func addV2(key: String, entry: [String: Any]) {
            let segments = key.split(separator: "/", omittingEmptySubsequences: false)
            guard entry["link"] as? Bool != true, let last = segments.lastIndex(of: "node_modules") else { return }
            let name = (entry["name"] as? String) ?? segments[(last + 1)...].joined(separator: "/")
            guard let version = entry["version"] as? String else {
                notes.add("\(ScanText.echo(key)) skipped: no version")
                return
            }
            add(name: name, version: version, licenses: NpmJSON.licenses(entry), label: key)
        }

        mutating func walkV1(_ root: [String: Any]) {
            var stack: [([String: Any], Int)] = [(root, 1)]
            while let (dependencies, depth) = stack.popLast() {
                for name in dependencies.keys.sorted().reversed() {
                    guard let entry = dependencies[name] as? [String: Any] else { continue }
                    if let version = entry["version"] as? String {
                        addV1(name: name, version: version)
                    }
                    guard let nested = entry["dependencies"] as? [String: Any], !nested.isEmpty else { continue }
                    if depth >= NpmLockfileCataloger.maxDepth {
                        notes.add("dependencies of \(ScanText.echo(name)) nest too deeply, skipped")
                    } else {
                        stack.append((nested, depth + 1))
                    }
                }
            }
        }

        private mutating func addV1(name: String, version: String) {
            if version.hasPrefix("file:") || version.hasPrefix("link:") { return }
            if version.hasPrefix("npm:") {
                let target = version.dropFirst(4)
                guard let at = target.lastIndex(of: "@"), at != target.startIndex else {
                    notes.add("\(ScanText.echo(name)) skipped: unreadable alias \(ScanText.echo(version))")
                    return
                }
                add(
                    name: String(target[..<at]), version: String(target[target.index(after: at)...]), licenses: [],
                    label: name)
                return
            }
            add(name: name, version: version, licenses: [], label: name)
        }

        private mutating func add(name: String, version: String, licenses: [String], label: String) {
            guard let package = NpmJSON.package(name: name, version: version, licenses: licenses, path: path) else {
                notes.add("\(ScanText.echo(label)) skipped: invalid name or version")
                return
            }
            if seen.insert(package.purl).inserted { packages.append(package) }
        }
    }
}
