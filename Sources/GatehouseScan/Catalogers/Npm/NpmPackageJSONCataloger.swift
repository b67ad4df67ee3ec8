import GatehouseCore

/// Reads an installed package's manifest, `node_modules/[@scope/]<name>/package.json`.
enum NpmPackageJSONCataloger {
    /// The one package the manifest describes. Throws when it is not a JSON object or lacks a valid `name`
    /// and `version` (a package directory without them was not installed from a registry).
    static func catalog(_ content: [UInt8], path: String) throws(GatehouseError) -> CatalogResult {
        let object = try NpmJSON.object(content, path: path, limit: CatalogerKind.npmPackage.maxBytes)
        guard let name = object["name"] as? String, let version = object["version"] as? String,
            let package = NpmJSON.package(
                name: name, version: version, licenses: NpmJSON.licenses(object), path: path)
        else {
            throw GatehouseError(.scanInputInvalid, "\(ScanText.echo(path)): no valid name and version")
        }
        return CatalogResult(packages: [package])
    }
}
