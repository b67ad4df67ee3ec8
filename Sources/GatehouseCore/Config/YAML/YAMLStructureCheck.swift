import Yams

/// One walk over the whole composed tree before it is read: enforces the depth and size
/// limits (through aliases a small text can expand into a huge tree) and reports repeated
/// mapping keys, wherever they are.
struct YAMLStructureCheck {
    /// The deepest nesting read; the document is level 1.
    static let maxDepth = 64
    /// The most nodes read, counting each use of an alias anew: more than any text within
    /// ``YAMLDocument/maxBytes`` holds without aliases.
    static let maxNodes = 1_000_000

    /// Reported when the document nests too deeply.
    static let depthMessage =
        "the document nests deeper than \(maxDepth) levels; refusing to read it"
    /// Reported when the document expands to too many nodes.
    static let sizeMessage =
        "the document expands to more than \(maxNodes) nodes (through aliases?); refusing to read it"

    private let log: ConfigDiagnosticLog
    private var visited = 0
    private var reportedKeys: Set<String> = []

    /// Creates a check reporting to `log`.
    init(log: ConfigDiagnosticLog) {
        self.log = log
    }

    /// Checks the tree under `node`; false when a limit is exceeded (the document must not be
    /// read). Repeated keys are reported but do not stop reading.
    mutating func check(_ node: Node, path: String = "", depth: Int = 1) -> Bool {
        visited += 1
        guard visited <= Self.maxNodes else {
            log.report(Self.sizeMessage, path: "", mark: node.mark)
            return false
        }
        guard depth <= Self.maxDepth else {
            log.report(Self.depthMessage, path: "", mark: node.mark)
            return false
        }
        switch node {
        case .mapping(let mapping):
            reportRepeatedKeys(in: mapping, path: path)
            for (key, value) in mapping {
                let childPath = YAMLPath.key(Self.name(of: key), in: path)
                guard check(key, path: childPath, depth: depth + 1),
                    check(value, path: childPath, depth: depth + 1)
                else { return false }
            }
        case .sequence(let sequence):
            for (index, element) in sequence.enumerated() {
                guard check(element, path: YAMLPath.index(index, in: path), depth: depth + 1) else {
                    return false
                }
            }
        case .scalar, .alias:
            break
        }
        return true
    }

    private mutating func reportRepeatedKeys(in mapping: Node.Mapping, path: String) {
        var first: [String: Node] = [:]
        for key in mapping.keys {
            guard case .scalar = key else { continue }
            let name = Self.name(of: key)
            guard let earlier = first[name] else {
                first[name] = key
                continue
            }
            // An anchored mapping is walked once per alias; report each repeat once.
            let position = key.mark.map { "\($0.line):\($0.column)" } ?? "\(path).\(name)"
            guard reportedKeys.insert(position).inserted else { continue }
            let line = earlier.mark.map { " (first defined on line \($0.line))" } ?? ""
            log.report("duplicate key\(line)", path: YAMLPath.key(name, in: path), mark: key.mark)
        }
    }

    private static func name(of key: Node) -> String {
        guard case .scalar(let scalar) = key else { return "?" }
        return YAMLDuplicateKeys.originalName(scalar.string)
    }
}
