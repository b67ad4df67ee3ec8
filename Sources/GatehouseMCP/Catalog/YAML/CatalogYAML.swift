import GatehouseCore
import Yams

/// Turns catalog text into a composed YAML tree, treating the text as hostile: it refuses texts
/// over ``maxBytes``, deep nesting, complex keys, anchors and aliases (so no alias bomb),
/// explicit tags, more than one document and more than ``maxNodes`` nodes.
enum CatalogYAML {
    /// The largest text read, in UTF-8 bytes (4 MiB: a whole published Docker catalog fits).
    static let maxBytes = 4 << 20
    /// The most nodes read. Without aliases a text cannot expand beyond its size; this bounds
    /// the work per document all the same.
    static let maxNodes = 500_000
    /// The deepest nesting read; the document is level 1.
    static let maxDepth = 64

    /// Reported when the document nests too deeply.
    static let depthMessage = "the document nests deeper than \(maxDepth) levels; refusing to read it"
    /// Reported for `&anchor` and `*alias`.
    static let aliasMessage =
        "anchors and aliases (&name, *name) are not supported in catalogs; write the value out"

    /// The YAML 1.2 core schema (so `yes`, `on`, dates and octal numbers stay strings), without
    /// merge keys: `<<` is an ordinary (unknown) key.
    static let resolver: Resolver = YAMLSchema.coreResolver

    /// The root of the document, checked; throws why it cannot be read.
    static func load(_ text: String, file: String) throws(CatalogError) -> CatalogNode {
        let size = text.utf8.count
        guard size <= maxBytes else {
            throw CatalogError(
                file: file,
                message: "the document is \(size) bytes, over the \(maxBytes >> 20) MiB limit; refusing to read it")
        }
        // libyaml does not skip a byte order mark in a string; editors on Windows write one.
        let text = text.unicodeScalars.first == "\u{FEFF}" ? String(text.unicodeScalars.dropFirst()) : text
        if let refusal = YAMLPrescan.refusal(for: text) {
            throw CatalogError(file: file, line: refusal.line, message: refusal.message)
        }
        let parser: Parser
        let composed: Node?
        do {
            parser = try Parser(yaml: text, resolver: resolver)
            composed = try parser.singleRoot()
        } catch {
            throw composeError(error, text: text, file: file)
        }
        guard let root = composed, !isNull(root) else {
            throw CatalogError(file: file, message: "the document is empty")
        }
        var nodes = 0
        // Anchors are weakly held by their nodes: the parser keeps them alive for the check.
        try withExtendedLifetime(parser) { () throws(CatalogError) in
            try check(root, path: "", depth: 1, nodes: &nodes, file: file)
        }
        return CatalogNode(node: root, path: "", file: file)
    }

    /// Walks the tree once: depth, size, anchors and tags. An alias always follows its anchor,
    /// so the walk stops at the anchor before it could expand an alias.
    private static func check(
        _ node: Node, path: String, depth: Int, nodes: inout Int, file: String
    ) throws(CatalogError) {
        nodes += 1
        let fail = { (message: String) in CatalogError(file: file, line: node.mark?.line, path: path, message: message)
        }
        guard nodes <= maxNodes else { throw fail("the document has more than \(maxNodes) nodes; refusing to read it") }
        guard depth <= maxDepth else { throw fail(depthMessage) }
        if case .alias = node { throw fail(aliasMessage) }
        guard node.anchor == nil else { throw fail(aliasMessage) }
        switch node {
        case .mapping(let mapping):
            guard node.tag.rawValue == Tag.Name.map.rawValue else { throw fail(tagMessage(node)) }
            for (key, value) in mapping {
                let childPath = CatalogNode.keyPath(key.string ?? "?", in: path)
                try check(key, path: path, depth: depth + 1, nodes: &nodes, file: file)
                try check(value, path: childPath, depth: depth + 1, nodes: &nodes, file: file)
            }
        case .sequence(let sequence):
            guard node.tag.rawValue == Tag.Name.seq.rawValue else { throw fail(tagMessage(node)) }
            for (index, element) in sequence.enumerated() {
                try check(element, path: "\(path)[\(index)]", depth: depth + 1, nodes: &nodes, file: file)
            }
        case .scalar:
            guard CatalogNode.scalarKind(of: node) != nil else { throw fail(tagMessage(node)) }
        case .alias:
            break
        }
    }

    private static func tagMessage(_ node: Node) -> String {
        "explicit tags (\(ConfigEcho.plain(node.tag.rawValue))) are not supported in catalogs"
    }

    /// Whether the node is a null scalar (`~`, `null` or nothing at all).
    static func isNull(_ node: Node) -> Bool {
        CatalogNode.scalarKind(of: node) == .null
    }

    /// Whether libyaml counts the scalar as a line break.
    static func isBreak(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "\n" || scalar == "\r" || scalar == "\u{85}" || scalar == "\u{2028}" || scalar == "\u{2029}"
    }
}
