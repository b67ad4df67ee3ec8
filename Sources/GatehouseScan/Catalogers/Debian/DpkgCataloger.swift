import GatehouseCore

/// Reads dpkg's database: `var/lib/dpkg/status` and the one-paragraph files of `var/lib/dpkg/status.d/`
/// (distroless images).
enum DpkgCataloger {
    /// The installed packages in `content`.
    ///
    /// In `status`, only paragraphs whose `Status` is `<want> ok installed` count (`install` or `hold`:
    /// a held package is installed too); `status.d` files have no `Status` and all count. A paragraph that
    /// is malformed or lacks `Package`/`Version` is skipped with a note. Throws only when the whole file is
    /// unreadable (too large, binary).
    static func catalog(_ content: [UInt8], path: String, distro: Distro?) throws(GatehouseError) -> CatalogResult {
        let text = try ScanText.decode(content, path: path, limit: CatalogerKind.dpkg.maxBytes)
        let requiresStatus = !path.contains("/status.d/")
        var notes = Notes()
        var packages: [Package] = []
        var seen: Set<String> = []
        for paragraph in Deb822.paragraphs(text) {
            if let problem = paragraph.problem {
                notes.add("paragraph at line \(paragraph.line) skipped: \(problem)")
                continue
            }
            if requiresStatus {
                guard let status = paragraph.firstLine("Status") else {
                    notes.add("paragraph at line \(paragraph.line) skipped: no Status")
                    continue
                }
                let words = status.split(separator: " ")
                guard words.count == 3, words[1] == "ok", words[2] == "installed" else { continue }
            }
            guard let name = paragraph.firstLine("Package"), ScanText.isToken(name),
                let version = paragraph.firstLine("Version"), ScanText.isToken(version)
            else {
                notes.add("paragraph at line \(paragraph.line) skipped: no valid Package and Version")
                continue
            }
            let package = makePackage(paragraph, name: name, version: version, path: path, distro: distro)
            if seen.insert(package.purl).inserted { packages.append(package) }
        }
        return CatalogResult(packages: packages, notes: notes.all)
    }

    private static func makePackage(
        _ paragraph: Deb822Paragraph, name: String, version: String, path: String, distro: Distro?
    ) -> Package {
        let architecture = paragraph.firstLine("Architecture").flatMap { ScanText.isToken($0) ? $0 : nil }
        let (sourceName, sourceVersion) = source(paragraph.firstLine("Source"), name: name, version: version)
        var upstream: String?
        if sourceName != nil || sourceVersion != nil {
            upstream = (sourceName ?? name) + (sourceVersion.map { "@" + $0 } ?? "")
        }
        let purl = PackageURL.deb(
            name: name, version: version, architecture: architecture, distro: distro, upstream: upstream)
        var package = Package(kind: .deb, name: name, version: version, purl: purl.description)
        package.architecture = architecture
        package.sourceName = sourceName
        package.sourceVersion = sourceVersion
        package.locations = [path]
        return package
    }

    /// `Source: name` or `Source: name (version)`, each part kept only when it differs from the binary's.
    static func source(_ field: String?, name: String, version: String) -> (String?, String?) {
        guard let field else { return (nil, nil) }
        var sourceName = field
        var sourceVersion: String?
        if let open = field.firstIndex(of: "("), let close = field.lastIndex(of: ")"), open < close {
            sourceName = ScanText.trim(field[..<open])
            sourceVersion = ScanText.trim(field[field.index(after: open)..<close])
        }
        let keptName = ScanText.isToken(sourceName) && sourceName != name ? sourceName : nil
        let keptVersion = sourceVersion.flatMap { ScanText.isToken($0) && $0 != version ? $0 : nil }
        return (keptName, keptVersion)
    }
}
