package import Yams

/// A node of the document being read, with its key path. Typed accessors (in extensions)
/// report what is wrong at the node's line and return nil, so reading goes on and every
/// problem is found.
package struct YAMLValue {
    /// The node.
    package let node: Node
    /// The dotted key path of the node (`groups.admins.rules[0]`); empty for the document.
    package let path: String
    /// Where problems are reported.
    package let log: ConfigDiagnosticLog
    /// The value of a secret-bearing key: must be a reference, and is never echoed.
    var isSecret = false
    /// Never echoed in messages (it may carry credentials).
    var isRedacted = false

    /// Creates a value for a node at a path.
    package init(node: Node, path: String, log: ConfigDiagnosticLog) {
        self.node = node
        self.path = path
        self.log = log
    }

    /// The node's 1-based line.
    package var line: Int? { node.mark?.line }

    /// Whether the node is a mapping.
    package var isMapping: Bool { node.mapping != nil }

    /// What the node is, for messages (see `Node.summary(redacted:)`).
    package var summary: String { node.summary(redacted: isRedacted || isSecret) }

    /// A node below this one, at `path`; redaction carries over.
    package func child(_ node: Node, path: String) -> YAMLValue {
        var value = YAMLValue(node: node, path: path, log: log)
        value.isRedacted = isRedacted || isSecret
        return value
    }

    /// Reports a problem at this node.
    package func report(_ message: String) {
        log.report(message, path: path, mark: node.mark)
    }

    /// Reports that the node is not what was expected (`expected a string, found …`), without
    /// the value when it must not be echoed. Returns nil, for use in `guard … else`.
    package func mismatch<Value>(expected: String) -> Value? {
        if isSecret {
            report(SecretRef.inlineValueMessage)
        } else {
            report("expected \(expected), found \(node.summary(redacted: isRedacted))")
        }
        return nil
    }
}

/// Building key paths.
package enum YAMLPath {
    /// `parent.key`, or `key` at the top level.
    package static func key(_ key: String, in parent: String) -> String {
        parent.isEmpty ? key : "\(parent).\(key)"
    }

    /// `parent[index]`.
    package static func index(_ index: Int, in parent: String) -> String {
        "\(parent)[\(index)]"
    }
}
