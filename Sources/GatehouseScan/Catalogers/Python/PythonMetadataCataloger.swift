import GatehouseCore

/// Reads Python core metadata: `*.dist-info/METADATA`, `*.egg-info/PKG-INFO`, or a `*.egg-info` file.
enum PythonMetadataCataloger {
    /// The one distribution described by `content`'s headers (read up to the blank line before the body).
    ///
    /// Licences: `License-Expression` if present; else `License` when it is a short single line; else the
    /// `License ::` classifiers mapped to SPDX identifiers (unmapped classifiers are dropped). Throws when
    /// the file has no usable `Name` and `Version` (and, for a dist-info, none in its directory name).
    static func catalog(_ content: [UInt8], path: String) throws(GatehouseError) -> CatalogResult {
        let limit = CatalogerKind.python.maxBytes
        let text = try ScanText.decode(Array(content.prefix(limit)), path: path, limit: limit)
        let headers = headers(text)
        var name = headers.first { $0.0 == "name" }?.1
        var version = headers.first { $0.0 == "version" }?.1
        if name == nil || version == nil, let fromDirectory = distInfoDirectory(path) {
            name = name ?? fromDirectory.name
            version = version ?? fromDirectory.version
        }
        guard let name, ScanText.isToken(name), let version, ScanText.isToken(version) else {
            throw GatehouseError(.scanInputInvalid, "\(ScanText.echo(path)): no valid Name and Version headers")
        }
        var package = Package(
            kind: .python, name: name, version: version, purl: PackageURL.pypi(name: name, version: version).description
        )
        package.licenses = licenses(headers)
        package.locations = [path]
        return CatalogResult(packages: [package])
    }

    /// The header fields as (lower-cased name, value) pairs, continuation lines joined with `\n`.
    static func headers(_ text: String) -> [(String, String)] {
        var result: [(String, String)] = []
        for line in ScanText.lines(text) {
            if ScanText.trim(line).isEmpty { break }
            if line.first == " " || line.first == "\t" {
                if let last = result.indices.last { result[last].1 += "\n" + ScanText.trim(line) }
                continue
            }
            guard let colon = line.firstIndex(of: ":"), colon != line.startIndex else { continue }
            result.append((line[..<colon].lowercased(), ScanText.trim(line[line.index(after: colon)...])))
            if result.count >= 10_000 { break }
        }
        return result
    }

    /// The licences declared by `headers` (see ``catalog(_:path:)``).
    static func licenses(_ headers: [(String, String)]) -> [String] {
        if let expression = headers.first(where: { $0.0 == "license-expression" })?.1,
            !expression.isEmpty, !expression.contains("\n"), expression.count <= 200
        {
            return [expression]
        }
        if let license = headers.first(where: { $0.0 == "license" })?.1, !license.isEmpty,
            !license.contains("\n"), license.count <= 80, license.uppercased() != "UNKNOWN"
        {
            return [license]
        }
        var result: [String] = []
        for (field, value) in headers where field == "classifier" {
            if let spdx = PythonLicenseClassifiers.spdx(forClassifier: value), !result.contains(spdx) {
                result.append(spdx)
            }
        }
        return result
    }

    /// `(name, version)` from a `<name>-<version>.dist-info/METADATA` path.
    static func distInfoDirectory(_ path: String) -> (name: String, version: String)? {
        let parts = path.split(separator: "/")
        guard parts.count >= 2, parts[parts.count - 2].hasSuffix(".dist-info") else { return nil }
        let stem = parts[parts.count - 2].dropLast(".dist-info".count)
        guard let dash = stem.firstIndex(of: "-") else { return nil }
        return (String(stem[..<dash]), String(stem[stem.index(after: dash)...]))
    }
}
