/// One problem found in a configuration file: where it is (file, line, key path) and what is
/// wrong. Messages never contain secret values.
public struct ConfigDiagnostic: Sendable, Hashable, CustomStringConvertible {
    /// The file name, as given to ``ConfigParser/parse(_:file:)``.
    public var file: String
    /// The 1-based line, when known.
    public var line: Int?
    /// The 1-based column (in Unicode scalars), when known.
    public var column: Int?
    /// The dotted key path, e.g. `groups.developers.rules[2].effect`; empty for the document.
    public var path: String
    /// What is wrong, and how to fix it when that is known.
    public var message: String

    /// Creates a diagnostic.
    public init(
        file: String, line: Int? = nil, column: Int? = nil, path: String = "", message: String
    ) {
        self.file = file
        self.line = line
        self.column = column
        self.path = path
        self.message = message
    }

    /// `file:line: path: message`; the line and the path are left out when unknown or empty.
    public var description: String {
        var location = file
        if let line { location += ":\(line)" }
        return path.isEmpty ? "\(location): \(message)" : "\(location): \(path): \(message)"
    }
}
