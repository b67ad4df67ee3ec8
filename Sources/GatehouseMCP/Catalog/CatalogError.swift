/// A catalog or profile file is invalid: where (file, line, key path) and what is wrong.
/// Messages never repeat header or environment values, which may carry credentials.
public struct CatalogError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file name, as given to the parser.
    public var file: String
    /// The 1-based line, when known.
    public var line: Int?
    /// The dotted key path of the offending node, e.g. `registry.github.secrets[0]`; empty for
    /// the document.
    public var path: String
    /// What is wrong, and how to fix it when that is known.
    public var message: String
    /// Whether the entry is well formed but uses something Gatehouse does not support
    /// (per-tool containers, SSE, writable volumes). Importing skips such servers.
    public var isUnsupported: Bool

    /// Creates an error.
    public init(
        file: String, line: Int? = nil, path: String = "", message: String, isUnsupported: Bool = false
    ) {
        self.file = file
        self.line = line
        self.path = path
        self.message = message
        self.isUnsupported = isUnsupported
    }

    /// `file:line: path: message`; the line and the path are left out when unknown or empty.
    public var description: String {
        var location = file
        if let line { location += ":\(line)" }
        return path.isEmpty ? "\(location): \(message)" : "\(location): \(path): \(message)"
    }
}
