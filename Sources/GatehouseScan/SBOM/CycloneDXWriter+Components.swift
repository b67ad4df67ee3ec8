extension CycloneDXWriter {
    /// A `library` component for a package found in the image.
    ///
    /// Its `bom-ref` is its purl (or `<kind>:<name>@<version>` without one), with `#2`, `#3`, …
    /// appended for later packages that share it.
    static func component(_ package: Package, refs: inout SBOMIdentifiers) -> [String: Any] {
        let purl = SBOMText.isPlausiblePURL(package.purl) ? package.purl : nil
        let base = purl ?? SBOMText.clean("\(package.kind.rawValue):\(package.name)@\(package.version)")
        var component: [String: Any] = [
            "type": "library",
            "bom-ref": refs.claim(base, separator: "#"),
            "name": SBOMText.clean(package.name),
        ]
        if !package.version.isEmpty { component["version"] = SBOMText.clean(package.version) }
        if let purl { component["purl"] = purl }
        if let licenses = licenses(package) { component["licenses"] = licenses }
        let properties = properties(package)
        if !properties.isEmpty { component["properties"] = properties }
        return component
    }

    /// The package's licences: one `expression` when any is compound and all are recognised,
    /// otherwise a list of `license` objects (`id` for listed identifiers, `name` for the rest).
    static func licenses(_ package: Package) -> [[String: Any]]? {
        let entries = SBOMLicense.entries(of: package)
        guard !entries.isEmpty else { return nil }
        var expressions: [SPDXLicenseExpression] = []
        var compound = false
        for entry in entries {
            guard case .spdx(let expression, _) = entry, expression.licenseRefs.isEmpty else {
                expressions = []
                break
            }
            expressions.append(expression)
            if !expression.isListedIdentifier { compound = true }
        }
        if compound && !expressions.isEmpty {
            return [["expression": SPDXLicenseExpression.conjunction(expressions).description]]
        }
        return entries.map { entry in
            switch entry {
            case .spdx(let expression, _) where expression.isListedIdentifier:
                ["license": ["id": expression.description]]
            case .spdx(let expression, _): ["license": ["name": expression.description]]
            case .other(let text): ["license": ["name": text]]
            }
        }
    }

    /// `gatehouse:layer`, `gatehouse:location` (one per path), `gatehouse:source` and
    /// `gatehouse:source-version` (Debian source package; its name is the binary's when only the
    /// version differs), `gatehouse:architecture`.
    static func properties(_ package: Package) -> [[String: String]] {
        var properties: [(String, String)] = []
        if let layer = package.layer { properties.append(("gatehouse:layer", layer)) }
        for location in Set(package.locations).sorted() { properties.append(("gatehouse:location", location)) }
        if let source = package.sourceName ?? package.sourceVersion.map({ _ in package.name }) {
            properties.append(("gatehouse:source", source))
        }
        if let version = package.sourceVersion { properties.append(("gatehouse:source-version", version)) }
        if let architecture = package.architecture { properties.append(("gatehouse:architecture", architecture)) }
        return properties.map { ["name": $0.0, "value": SBOMText.clean($0.1)] }
    }
}
