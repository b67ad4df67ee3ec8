import GatehouseCore

/// Reads apk's database, `lib/apk/db/installed`: paragraphs of `X:value` lines separated by blank lines.
enum ApkCataloger {
    /// The packages in `content`: `P` name, `V` version, `A` architecture, `L` licence, `o` origin (the
    /// source package, kept as `sourceName` when it differs). A paragraph without a valid `P` and `V` is
    /// skipped with a note; throws only when the whole file is unreadable (too large, binary).
    static func catalog(_ content: [UInt8], path: String, distro: Distro?) throws(GatehouseError) -> CatalogResult {
        let text = try ScanText.decode(content, path: path, limit: CatalogerKind.apk.maxBytes)
        var notes = Notes()
        var packages: [Package] = []
        var seen: Set<String> = []
        var fields: [Character: String] = [:]
        var start = 1

        func flush() {
            defer { fields = [:] }
            guard !fields.isEmpty else { return }
            guard let name = fields["P"], ScanText.isToken(name), let version = fields["V"], ScanText.isToken(version)
            else {
                notes.add("entry at line \(start) skipped: no valid P: and V:")
                return
            }
            let architecture = fields["A"].flatMap { ScanText.isToken($0) ? $0 : nil }
            let purl = PackageURL.apk(name: name, version: version, architecture: architecture, distro: distro)
            var package = Package(kind: .apk, name: name, version: version, purl: purl.description)
            package.architecture = architecture
            if let license = fields["L"], !license.isEmpty, license.count <= 200 { package.licenses = [license] }
            if let origin = fields["o"], ScanText.isToken(origin), origin != name { package.sourceName = origin }
            package.locations = [path]
            if seen.insert(package.purl).inserted { packages.append(package) }
        }

        for (index, line) in ScanText.lines(text).enumerated() {
            if line.isEmpty {
                flush()
                start = index + 2
                continue
            }
            guard line.count >= 2, let key = line.first, line.dropFirst().first == ":" else {
                notes.add("line \(index + 1) ignored: \(ScanText.echo(line))")
                continue
            }
            // Repeated keys (several `F:`/`R:` lines) are normal; the ones read here appear once.
            if fields[key] == nil { fields[key] = ScanText.trim(line.dropFirst(2)) }
        }
        flush()
        return CatalogResult(packages: packages, notes: notes.all)
    }
}
