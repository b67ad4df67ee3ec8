import GatehouseCore
import Yams

/// Yams' errors as catalog errors. libyaml's messages are fixed phrases that never repeat the
/// text (Yams' own descriptions quote the line, and are not used).
extension CatalogYAML {
    /// The error for a text Yams could not compose.
    static func composeError(_ error: any Error, text: String, file: String) -> CatalogError {
        guard let error = error as? YamlError else { return CatalogError(file: file, message: "invalid YAML") }
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            if problem.hasPrefix("Maximum nesting level") {
                return CatalogError(file: file, line: mark.line, message: depthMessage)
            }
            if problem == "but found another document" {
                return CatalogError(
                    file: file, line: mark.line, message: "expected one YAML document, found another")
            }
            if problem == "found undefined alias" {
                return CatalogError(file: file, line: mark.line, message: aliasMessage)
            }
            return CatalogError(file: file, line: mark.line, message: "invalid YAML: \(problem)")
        case .reader(let problem, _, _, _):
            return CatalogError(file: file, message: "invalid YAML: \(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return duplicateKeyError(
                name: duplicates.first ?? "", first: context.mark, text: text, file: file)
        default:
            return CatalogError(file: file, message: "invalid YAML")
        }
    }

    /// Yams names a repeated key and the place of its first occurrence. To name the mapping
    /// and the line of the repeat, the first occurrence is renamed and the text composed again.
    private static func duplicateKeyError(name: String, first: Mark, text: String, file: String) -> CatalogError {
        let message = "duplicate key \(ConfigEcho.quoted(name)) (first defined on line \(first.line))"
        let fallback = CatalogError(file: file, line: first.line, message: message)
        guard let renamed = rename(line: first.line, column: first.column, in: text),
            let root = try? Parser(yaml: renamed, resolver: resolver).singleRoot(),
            let found = repeatedKey(of: name, in: root, path: "")
        else { return fallback }
        let what = found.path == "registry" ? "duplicate server" : "duplicate key"
        return CatalogError(
            file: file, line: found.line, path: found.path,
            message: "\(what) \(ConfigEcho.quoted(name)) (first defined on line \(first.line))")
    }

    /// The marker put before a renamed key (a private-use character no key holds).
    private static let marker: Unicode.Scalar = "\u{E000}"

    /// The mapping holding the renamed key, and the line of the other occurrence of `name`.
    private static func repeatedKey(of name: String, in node: Node, path: String) -> (path: String, line: Int?)? {
        switch node {
        case .mapping(let mapping):
            let keys = mapping.map(\.key)
            if keys.contains(where: { $0.string == String(marker) + name }),
                let other = keys.first(where: { $0.string == name })
            {
                return (path, other.mark?.line)
            }
            for (key, value) in mapping {
                if let found = repeatedKey(of: name, in: value, path: CatalogNode.keyPath(key.string ?? "?", in: path))
                {
                    return found
                }
            }
        case .sequence(let sequence):
            for (index, element) in sequence.enumerated() {
                if let found = repeatedKey(of: name, in: element, path: "\(path)[\(index)]") { return found }
            }
        case .scalar, .alias:
            break
        }
        return nil
    }

    /// `text` with the marker inserted into the plain or quoted key starting at `line`:`column`
    /// (1-based, columns in Unicode scalars); nil when it cannot be renamed in place.
    private static func rename(line: Int, column: Int, in text: String) -> String? {
        var scalars = Array(text.unicodeScalars)
        var current = 1
        var index = 0
        while current < line, index < scalars.count {
            if scalars[index] == "\n" || (scalars[index] == "\r" && scalars.dropFirst(index + 1).first != "\n") {
                current += 1
            }
            index += 1
        }
        index += column - 1
        guard current == line, index < scalars.count else { return nil }
        switch scalars[index] {
        case "\"", "'": index += 1
        case "*", "&", "!", "[", "{", "|", ">", "?": return nil
        case let scalar where isBreak(scalar): return nil
        default: break
        }
        scalars.insert(marker, at: index)
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }
}
