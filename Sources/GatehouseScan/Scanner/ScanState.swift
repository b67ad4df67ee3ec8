import GatehouseCore
import GatehouseRegistry

/// A kept file of the image's final filesystem, and the layer that last wrote it.
struct KeptFile: Sendable {
    let content: [UInt8]
    let layer: Int
}

/// The files kept so far, and which layer first listed each package.
struct ScanState {
    private(set) var files: [String: KeptFile] = [:]
    /// Paths kept by the layer being read.
    private var changed: Set<String> = []
    /// "kind name version" → the lowest layer whose files listed it.
    private var firstSeen: [String: Int] = [:]
    var notes: [String] = []

    mutating func keep(_ path: String, _ file: KeptFile) {
        files[path] = file
        changed.insert(path)
    }

    /// A member at `path` replaces what lower layers had there.
    mutating func replace(_ path: String) {
        if files.removeValue(forKey: path) != nil { changed.remove(path) }
    }

    /// A whiteout: `path` and everything under it go.
    mutating func remove(_ path: String) {
        let prefix = path + "/"
        for key in files.keys where key == path || key.hasPrefix(prefix) {
            files[key] = nil
            changed.remove(key)
        }
    }

    /// An opaque directory: what lower layers put under `directory` goes.
    mutating func removeBelow(_ directory: String, lowerThan layer: Int) {
        let prefix = directory.isEmpty ? "" : directory + "/"
        for (key, file) in files where key.hasPrefix(prefix) && file.layer < layer { files[key] = nil }
    }

    /// Credits the packages listed by the files `layer` wrote to it, unless a lower layer
    /// listed them already.
    mutating func creditLayer(_ layer: Int, digest: String) {
        for path in changed {
            guard let file = files[path], !Catalogers.isMetadataOnly(path) else { continue }
            for package in (try? Catalogers.packages(in: file.content, path: path, distro: nil)) ?? [] {
                let key = Self.key(package)
                if firstSeen[key] == nil { firstSeen[key] = layer }
            }
        }
        changed = []
    }

    static func key(_ package: Package) -> String { "\(package.kind.rawValue) \(package.name) \(package.version)" }

    /// The packages of the final filesystem, each credited to its layer, with licences from
    /// Debian's copyright files attached.
    func result(_ input: ScanInput) -> ScanResult {
        var notes = self.notes
        let distro = (files["etc/os-release"] ?? files["usr/lib/os-release"]).flatMap {
            Catalogers.distro(osRelease: $0.content)
        }
        var packages: [String: Package] = [:]
        for (path, file) in files.sorted(by: { $0.key < $1.key }) where !Catalogers.isMetadataOnly(path) {
            let found: CatalogResult
            do {
                found = try Catalogers.catalog(file.content, path: path, distro: distro)
            } catch {
                notes.append(error.message)  // it names the file
                continue
            }
            notes += found.notes.map { "\(path): \($0)" }
            for var package in found.packages {
                let layer = firstSeen[Self.key(package)] ?? file.layer
                package.layer = input.layers.indices.contains(layer) ? input.layers[layer].digest : nil
                let key = package.purl
                if var existing = packages[key] {
                    existing.locations = Array(Set(existing.locations + package.locations)).sorted()
                    packages[key] = existing
                } else {
                    packages[key] = package
                }
            }
        }
        // Debian keeps licences beside each package, in usr/share/doc/NAME/copyright.
        for (key, package) in packages where package.kind == .deb && package.licenses.isEmpty {
            if let copyright = files["usr/share/doc/\(package.name)/copyright"] {
                packages[key]?.licenses = Catalogers.debianCopyrightLicenses(copyright.content)
            }
        }
        let sorted = packages.values.sorted {
            ($0.kind.rawValue, $0.name, $0.version, $0.purl) < ($1.kind.rawValue, $1.name, $1.version, $1.purl)
        }
        return ScanResult(
            name: input.name, digest: input.digest, distro: distro, packages: sorted, config: input.config,
            layers: input.layers.map(\.digest), notes: notes)
    }
}

extension Catalogers {
    /// Whether the file at `path` describes the image or a package (os-release, a Debian
    /// copyright file) rather than listing packages.
    static func isMetadataOnly(_ path: String) -> Bool {
        path == "etc/os-release" || path == "usr/lib/os-release"
            || (path.hasPrefix("usr/share/doc/") && path.hasSuffix("/copyright"))
    }
}
