/// The module list in a Go binary's build info: tab-separated lines `path`, `mod`, `dep`, `=>`, `build`.
struct GoModInfo: Sendable, Hashable {
    /// A module: its path and version (`v1.2.3`; `(devel)` for an unversioned main module).
    struct Module: Sendable, Hashable {
        /// The module path.
        var path: String
        /// The version.
        var version: String
    }

    /// The main module (`mod` line), if any.
    var main: Module?
    /// The dependencies (`dep` lines), each already replaced by its `=>` line when it has one.
    var dependencies: [Module] = []
    /// The `build` settings, e.g. `GOARCH` → `amd64`.
    var settings: [String: String] = [:]

    /// Parses `text`; unknown or malformed lines are ignored. A `=>` line replaces the module before it
    /// when the replacement has a version (a module); a local-directory replacement (no version) keeps the
    /// original path and version, since the directory is no registry module.
    init(_ text: String) {
        for line in ScanText.lines(text) {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard let kind = fields.first else { continue }
            switch kind {
            case "mod":
                if fields.count >= 3 { main = Module(path: fields[1], version: fields[2]) }
            case "dep":
                if fields.count >= 3 { dependencies.append(Module(path: fields[1], version: fields[2])) }
            case "=>":
                guard fields.count >= 3, !fields[2].isEmpty else { continue }
                let replacement = Module(path: fields[1], version: fields[2])
                if !dependencies.isEmpty {
                    dependencies[dependencies.count - 1] = replacement
                } else if main != nil {
                    main = replacement
                }
            case "build":
                guard fields.count >= 2, let equals = fields[1].firstIndex(of: "="), settings.count < 200 else {
                    continue
                }
                settings[String(fields[1][..<equals])] = String(fields[1][fields[1].index(after: equals)...])
            default:
                continue
            }
        }
    }
}
