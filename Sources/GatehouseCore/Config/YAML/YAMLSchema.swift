package import Yams

/// The YAML schema configuration files are read with: the YAML 1.2 core schema (so `yes`, `no`,
/// `on`, `off`, dates, octal and sexagesimal numbers stay strings) plus merge keys (`<<`).
package enum YAMLSchema {
    /// The kind of a scalar under this schema.
    package enum ScalarKind: Equatable {
        case null
        case boolean
        case integer
        case number
        case string
        case merge
        /// An explicit tag this schema does not know, e.g. `!custom`.
        case other(String)
    }

    /// Resolves the tags of plain scalars: the core schema plus merge keys.
    static let resolver: Resolver = coreResolver.appending(.merge)

    /// The YAML 1.2 core schema alone (merge keys are ordinary keys), for documents that
    /// support no merging (MCP catalogs).
    package static let coreResolver: Resolver = Resolver.basic
        .appending(.null)
        .appending(rule(.bool, "^(?:true|True|TRUE|false|False|FALSE)$"))
        .appending(rule(.int, "^[-+]?[0-9][0-9_]*$"))
        .appending(
            rule(
                .float,
                "^(?:[-+]?(?:\\.[0-9]+|[0-9][0-9_]*(?:\\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?"
                    + "|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$")
        )

    /// The kind of a scalar node; nil for mappings, sequences and aliases.
    package static func kind(of node: Node) -> ScalarKind? {
        guard case .scalar = node else { return nil }
        switch node.tag.rawValue {
        case Tag.Name.null.rawValue: return .null
        case Tag.Name.bool.rawValue: return .boolean
        case Tag.Name.int.rawValue: return .integer
        case Tag.Name.float.rawValue: return .number
        case Tag.Name.str.rawValue: return .string
        case Tag.Name.merge.rawValue: return .merge
        case let tag: return .other(tag)
        }
    }

    private static func rule(_ tag: Tag.Name, _ pattern: String) -> Resolver.Rule {
        do {
            return try Resolver.Rule(tag, pattern)
        } catch {
            preconditionFailure("invalid resolver pattern \(pattern): \(error)")
        }
    }
}

/// Kinds and summaries of nodes, for reading and for messages.
extension Node {
    /// The kind of this scalar under ``YAMLSchema``; nil for mappings, sequences and aliases.
    package var scalarKind: YAMLSchema.ScalarKind? { YAMLSchema.kind(of: self) }

    /// Whether this is a null scalar (`~`, `null` or nothing at all).
    package var isNull: Bool { scalarKind == .null }

    /// What the node is, for messages: `a string ("abc")`, `an integer (12)`, `a mapping`…;
    /// without the value when `redacted`.
    func summary(redacted: Bool) -> String {
        let text: String
        let noun: String
        switch self {
        case .mapping: return "a mapping"
        case .sequence: return "a sequence"
        case .alias: return "an alias"
        case .scalar(let scalar): text = scalar.string
        }
        switch scalarKind {
        case .null: return "null"
        case .boolean: noun = "a boolean"
        case .integer: noun = "an integer"
        case .number: noun = "a number"
        case .merge: return "a merge key (<<)"
        case .other(let tag): noun = "a value tagged \(ConfigEcho.plain(tag))"
        case .string, nil: noun = "a string"
        }
        if redacted { return noun }
        return noun + " ("
            + (scalarKind == .string ? ConfigEcho.quoted(text) : ConfigEcho.plain(text)) + ")"
    }
}
