import GatehouseCore
import Yams

/// A node of a checked document (see ``CatalogYAML``) with its key path. Typed accessors throw
/// a ``CatalogError`` at the node's line when the node is not what was expected.
struct CatalogNode {
    /// The kind of a scalar under ``CatalogYAML/resolver``.
    enum ScalarKind: Equatable {
        case null, boolean, integer, number, string
    }

    /// The node.
    let node: Node
    /// The dotted key path (`registry.github.secrets[0]`); empty for the document.
    let path: String
    /// The file name, for errors.
    let file: String

    /// The node's 1-based line.
    var line: Int? { node.mark?.line }

    /// Whether the node is a mapping.
    var isMapping: Bool { node.mapping != nil }

    /// Whether the node is a sequence.
    var isSequence: Bool { node.sequence != nil }

    /// Whether the node is null (`~`, `null` or nothing).
    var isNull: Bool { Self.scalarKind(of: node) == .null }

    /// An error at this node.
    func error(_ message: String, unsupported: Bool = false) -> CatalogError {
        CatalogError(file: file, line: line, path: path, message: message, isUnsupported: unsupported)
    }

    /// A node below this one.
    func child(_ node: Node, path: String) -> CatalogNode {
        CatalogNode(node: node, path: path, file: file)
    }

    /// The string; throws for another type or (unless allowed) an empty string.
    func string(allowEmpty: Bool = false) throws(CatalogError) -> String {
        guard case .scalar(let scalar) = node, Self.scalarKind(of: node) == .string else {
            throw mismatch("a string")
        }
        guard allowEmpty || !scalar.string.isEmpty else { throw error("must not be empty") }
        return scalar.string
    }

    /// The text of any scalar but null (`8080` and `true` are read as written), for values
    /// that end up as strings anyway (environment values, examples).
    func scalarText() throws(CatalogError) -> String {
        guard case .scalar(let scalar) = node, !isNull else { throw mismatch("a string") }
        return scalar.string
    }

    /// `true` or `false`.
    func boolean() throws(CatalogError) -> Bool {
        guard case .scalar(let scalar) = node, Self.scalarKind(of: node) == .boolean else {
            throw mismatch("true or false")
        }
        return scalar.string.lowercased() == "true"
    }

    /// The integer, within `range` when given.
    func integer(in range: ClosedRange<Int>? = nil) throws(CatalogError) -> Int {
        guard case .scalar(let scalar) = node, Self.scalarKind(of: node) == .integer else {
            throw mismatch("an integer")
        }
        let expected = range.map { " (expected \($0.lowerBound)...\($0.upperBound))" } ?? ""
        guard let value = Int(scalar.string.filter { $0 != "_" }), range?.contains(value) ?? true else {
            throw error("\(ConfigEcho.plain(scalar.string)) is out of range\(expected)")
        }
        return value
    }

    /// The number (an integer or a decimal), within `range`.
    func number(in range: ClosedRange<Double>) throws(CatalogError) -> Double {
        let kind = Self.scalarKind(of: node)
        guard case .scalar(let scalar) = node, kind == .integer || kind == .number,
            let value = Double(scalar.string.filter { $0 != "_" })
        else { throw mismatch("a number") }
        guard range.contains(value) else {
            throw error(
                "\(ConfigEcho.plain(scalar.string)) is out of range (expected \(range.lowerBound)...\(range.upperBound))"
            )
        }
        return value
    }

    /// The elements, each with its indexed path.
    func sequence() throws(CatalogError) -> [CatalogNode] {
        guard case .sequence(let sequence) = node else { throw mismatch("a sequence") }
        return sequence.enumerated().map { index, element in child(element, path: "\(path)[\(index)]") }
    }

    /// A string where empty means unsaid (docker writes `title: ""`): nil when empty.
    func optionalText() throws(CatalogError) -> String? {
        let text = try string(allowEmpty: true)
        return text.isEmpty ? nil : text
    }

    /// A sequence of strings, each checked by `check` (which names what is wrong, or nil).
    func strings(allowEmpty: Bool = false, _ check: (String) -> String? = { _ in nil }) throws(CatalogError)
        -> [String]
    {
        var result: [String] = []
        for element in try sequence() {
            let text = try element.string(allowEmpty: allowEmpty)
            if let problem = check(text) { throw element.error(problem) }
            result.append(text)
        }
        return result
    }

    /// An error saying the node is not what was expected.
    func mismatch(_ expected: String) -> CatalogError {
        error("expected \(expected), found \(summary)")
    }

    /// What the node is, for messages: `a string ("abc")`, `an integer (12)`, `a mapping`…
    var summary: String {
        guard case .scalar(let scalar) = node else { return node.mapping != nil ? "a mapping" : "a sequence" }
        switch Self.scalarKind(of: node) {
        case .null: return "null"
        case .boolean: return "a boolean (\(scalar.string))"
        case .integer: return "an integer (\(ConfigEcho.plain(scalar.string)))"
        case .number: return "a number (\(ConfigEcho.plain(scalar.string)))"
        case .string, nil: return "a string (\(ConfigEcho.quoted(scalar.string)))"
        }
    }

    /// The kind of a scalar; nil for collections, aliases and scalars with other tags.
    static func scalarKind(of node: Node) -> ScalarKind? {
        switch YAMLSchema.kind(of: node) {
        case .null: .null
        case .boolean: .boolean
        case .integer: .integer
        case .number: .number
        case .string: .string
        case .merge, .other, nil: nil
        }
    }

    /// `parent.key`, or `key` at the top level.
    static func keyPath(_ key: String, in parent: String) -> String {
        parent.isEmpty ? key : "\(parent).\(key)"
    }
}
