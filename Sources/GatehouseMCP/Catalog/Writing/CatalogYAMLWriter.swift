import GatehouseCore
import Yams

/// Building YAML nodes for the canonical catalog text: scalars are quoted whenever their plain
/// form would read back as anything but a string (under our core schema or YAML 1.1).
enum CatalogYAMLWriter {
    /// A string scalar.
    static func string(_ text: String) -> Node {
        Node(text, Tag(.str), readsAsString(text) ? .any : .doubleQuoted)
    }

    /// Whether `text`, written plain, reads back as a string under our core schema and under
    /// YAML 1.1 (Yams' default). A text starting with a letter reads otherwise only when it is
    /// one of ``reservedWords``; only texts starting with a digit or one of `+-.~<=` (numbers,
    /// timestamps, `~`, `<<`, `=`) are matched against the resolvers' patterns.
    static func readsAsString(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first else { return false }
        if first.properties.isAlphabetic { return !reservedWords.contains(text) }
        guard "0123456789+-.~<=".unicodeScalars.contains(first) else { return true }
        let plain = Node(text)
        return CatalogYAML.resolver.resolveTag(of: plain) == .str && Resolver.default.resolveTag(of: plain) == .str
    }

    /// The words that read as nulls or booleans under either schema.
    private static let reservedWords: Set<String> = [
        "null", "Null", "NULL", "true", "True", "TRUE", "false", "False", "FALSE", "yes", "Yes", "YES", "no", "No",
        "NO", "on", "On", "ON", "off", "Off", "OFF",
    ]

    /// An integer scalar.
    static func integer<Value: BinaryInteger>(_ value: Value) -> Node {
        Node(String(value), Tag(.int), .plain)
    }

    /// A boolean scalar.
    static func boolean(_ value: Bool) -> Node {
        Node(value ? "true" : "false", Tag(.bool), .plain)
    }

    /// A number scalar; finite numbers only (the reader refuses others).
    static func number(_ value: Double) -> Node {
        // Swift writes finite doubles as `1.0`, `0.5`, `1e-05`: all floats under the core schema.
        Node(value.description, Tag(.float), .plain)
    }

    /// A sequence of strings.
    static func strings(_ values: [String]) -> Node {
        Node(values.map(string))
    }

    /// A mapping, keys in the order given.
    static func mapping(_ pairs: [(String, Node)]) -> Node {
        Node(pairs.map { (string($0.0), $0.1) })
    }

    /// A JSON value; object keys sorted.
    static func json(_ value: JSONValue) -> Node {
        switch value {
        case .null: Node("null", Tag(.null), .plain)
        case .bool(let flag): boolean(flag)
        case .integer(let number): integer(number)
        case .number(let number): self.number(number)
        case .string(let text): string(text)
        case .array(let elements): Node(elements.map(json))
        case .object(let members): mapping(members.keys.sorted().map { ($0, json(members[$0] ?? .null)) })
        }
    }

    /// The text of a document.
    static func serialize(_ root: Node) -> String {
        (try? Yams.serialize(node: root, width: -1, allowUnicode: true)) ?? ""
    }
}
