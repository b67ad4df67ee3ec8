/// Where a secret comes from. Configuration files never hold secret values, only references
/// to them; the server resolves a reference when it needs the value.
public enum SecretRef: Sendable, Hashable, CustomStringConvertible {
    /// The value of the environment variable with this name.
    case env(String)
    /// The contents of the file at this path.
    case file(String)

    /// Parses `env:NAME` (NAME matching `[A-Za-z_][A-Za-z0-9_]*`) or `file:PATH` (PATH not
    /// empty); returns nil for anything else.
    public init?(reference: String) {
        if reference.hasPrefix("env:") {
            let name = String(reference.dropFirst(4))
            guard Self.isEnvironmentName(name) else { return nil }
            self = .env(name)
        } else if reference.hasPrefix("file:") {
            let path = String(reference.dropFirst(5))
            guard !path.isEmpty else { return nil }
            self = .file(path)
        } else {
            return nil
        }
    }

    /// The reference as written (`env:NAME` or `file:PATH`), never the secret value.
    public var description: String {
        switch self {
        case .env(let name): "env:\(name)"
        case .file(let path): "file:\(path)"
        }
    }

    private static func isEnvironmentName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, !("0"..."9").contains(first) else {
            return false
        }
        return name.unicodeScalars.allSatisfy { scalar in
            scalar == "_" || ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
                || ("0"..."9").contains(scalar)
        }
    }
}
