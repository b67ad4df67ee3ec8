import Foundation
import GatehouseCore

/// JSON helpers shared by the npm catalogers.
enum NpmJSON {
    /// `content` parsed as a JSON object (Foundation's parser bounds nesting depth), or a per-file error.
    static func object(_ content: [UInt8], path: String, limit: Int) throws(GatehouseError) -> [String: Any] {
        guard content.count <= limit else {
            throw GatehouseError(
                .scanInputInvalid, "\(ScanText.echo(path)): \(content.count) bytes exceeds the limit of \(limit)")
        }
        let parsed: Any
        do {
            parsed = try JSONSerialization.jsonObject(with: Data(content))
        } catch {
            throw GatehouseError(.scanInputInvalid, "\(ScanText.echo(path)): not valid JSON")
        }
        guard let object = parsed as? [String: Any] else {
            throw GatehouseError(.scanInputInvalid, "\(ScanText.echo(path)): not a JSON object")
        }
        return object
    }

    /// The licences of a package.json or lock entry: `license` as a string or `{ "type": … }`, else the
    /// legacy `licenses` array of strings or `{ "type": … }` objects. Bounded to 20 short entries.
    static func licenses(_ object: [String: Any]) -> [String] {
        var raw: [Any] = []
        if let license = object["license"] {
            raw = [license]
        } else if let list = object["licenses"] as? [Any] {
            raw = Array(list.prefix(20))
        }
        var result: [String] = []
        for item in raw {
            let value = (item as? String) ?? ((item as? [String: Any])?["type"] as? String)
            guard let value, !value.isEmpty, value.count <= 200, !result.contains(value) else { continue }
            result.append(value)
        }
        return result
    }

    /// Whether `name` looks like an npm package name: `name` or `@scope/name`, no whitespace or control
    /// characters, at most 214 characters (npm's limit; 512 tolerated for legacy packages).
    static func isPackageName(_ name: String) -> Bool {
        guard ScanText.isToken(name), !name.hasPrefix("."), !name.hasSuffix("/") else { return false }
        let slashes = name.filter { $0 == "/" }.count
        return name.hasPrefix("@") ? slashes == 1 && !name.hasPrefix("@/") : slashes == 0
    }

    /// A package from a name, version and licences, or nil when the name or version is unusable.
    static func package(name: String, version: String, licenses: [String], path: String) -> Package? {
        guard isPackageName(name), ScanText.isToken(version) else { return nil }
        var package = Package(
            kind: .npm, name: name, version: version, purl: PackageURL.npm(name: name, version: version).description)
        package.licenses = licenses
        package.locations = [path]
        return package
    }
}
