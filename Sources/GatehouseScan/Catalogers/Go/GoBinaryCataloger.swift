/// Reads the modules built into a Go binary.
enum GoBinaryCataloger {
    /// The modules in `binary`'s build info: each dependency, the main module unless its version is
    /// `(devel)`, and the standard library as `stdlib` with the toolchain version without its `go` prefix
    /// (`go1.21.5` → `1.21.5`, purl `pkg:golang/stdlib@1.21.5`, the convention of Go vulnerability
    /// databases). `architecture` is the `GOARCH` build setting. A file without (readable) build info —
    /// not a Go binary, or one older than Go 1.18 — yields nothing; this never throws.
    static func catalog(_ binary: [UInt8], path: String) -> CatalogResult {
        guard let info = GoBuildInfo.find(in: binary) else { return CatalogResult() }
        let modInfo = GoModInfo(info.modInfo)
        let architecture = modInfo.settings["GOARCH"].flatMap { ScanText.isToken($0) ? $0 : nil }
        var notes = Notes()
        var packages: [Package] = []
        var seen: Set<String> = []

        func add(_ name: String, _ version: String) {
            guard ScanText.isToken(name), ScanText.isToken(version) else {
                notes.add("module \(ScanText.echo(name)) skipped: invalid path or version")
                return
            }
            var package = Package(
                kind: .golang, name: name, version: version,
                purl: PackageURL.golang(modulePath: name, version: version).description)
            package.architecture = architecture
            package.locations = [path]
            if seen.insert(package.purl).inserted { packages.append(package) }
        }

        if let main = modInfo.main, main.version != "(devel)", !main.version.isEmpty {
            add(main.path, main.version)
        }
        for dependency in modInfo.dependencies { add(dependency.path, dependency.version) }
        if let version = stdlibVersion(info.goVersion) { add("stdlib", version) }
        return CatalogResult(packages: packages, notes: notes.all)
    }

    /// `go1.21.5` → `1.21.5` (a trailing ` X:…` experiment list dropped); nil for `devel` toolchains.
    static func stdlibVersion(_ goVersion: String) -> String? {
        let token = goVersion.prefix { $0 != " " }
        guard token.hasPrefix("go"), token.count > 2 else { return nil }
        return String(token.dropFirst(2))
    }
}
