/// Validation of ``StoreConfig/url``. Messages never repeat the URL: it may carry credentials.
extension StoreConfig {
    /// The URL forms a store accepts, as named in messages.
    static let acceptedURLForms =
        "sqlite:PATH, postgres://USER@HOST:PORT/DB or postgresql://USER@HOST:PORT/DB"

    /// Reported when a postgres URL carries a password. Never names the password.
    static let inlinePasswordMessage =
        "inline secrets are not allowed; use store.password: env:NAME"

    /// What is wrong with a store URL, or nil when it is acceptable.
    static func problem(withURL url: String) -> String? {
        if url.hasPrefix("sqlite:") { return sqliteProblem(path: url.dropFirst("sqlite:".count)) }
        for scheme in ["postgres://", "postgresql://"] where url.hasPrefix(scheme) {
            return postgresProblem(url.dropFirst(scheme.count))
        }
        if let scheme = scheme(of: url) {
            return
                "unsupported store URL scheme \(ConfigEcho.quoted(scheme)) (expected \(acceptedURLForms))"
        }
        return "unsupported store URL (expected \(acceptedURLForms))"
    }

    private static func sqliteProblem(path: Substring) -> String? {
        if path.isEmpty { return "sqlite: needs a database file, as in sqlite:gatehouse.db" }
        if path == ":memory:" || path.contains("mode=memory") {
            return
                "an in-memory database (:memory:) is not allowed; the store must persist to a file"
        }
        return nil
    }

    private static func postgresProblem(_ rest: Substring) -> String? {
        let main = rest.prefix { $0 != "?" && $0 != "#" }
        var hostStart = main.startIndex
        if let at = main.lastIndex(of: "@") {
            // Everything before the last "@" is user information; raw passwords may hold "/".
            if main[..<at].contains(":") { return inlinePasswordMessage }
            hostStart = main.index(after: at)
        }
        if rest.count > main.count {
            let query = rest.dropFirst(main.count + 1)
            if queryHasPassword(query) { return inlinePasswordMessage }
            if let problem = queryProblem(query) { return problem }
        }
        let hostPort = main[hostStart...].prefix { $0 != "/" }
        return hostPortProblem(hostPort)
    }

    /// The sslmode values a store accepts (verify-ca and verify-full verify the server's
    /// certificate, as require does).
    public static let sslModes = ["disable", "prefer", "require", "verify-ca", "verify-full"]

    private static func queryProblem(_ query: Substring) -> String? {
        for pair in query.split(separator: "&") {
            let name = pair.prefix { $0 != "=" }
            let value = pair.dropFirst(name.count + 1)
            guard name == "sslmode" else {
                return "unsupported store URL parameter \(ConfigEcho.quoted(String(name))) (expected sslmode)"
            }
            guard sslModes.contains(String(value)) else {
                return "sslmode must be one of \(sslModes.joined(separator: ", "))"
            }
        }
        return nil
    }

    private static func queryHasPassword(_ query: Substring) -> Bool {
        query.split(separator: "&").contains { pair in
            pair.prefix { $0 != "=" }.lowercased() == "password"
        }
    }

    private static func hostPortProblem(_ hostPort: Substring) -> String? {
        var host = hostPort
        var port: Substring?
        if hostPort.hasPrefix("["), let close = hostPort.firstIndex(of: "]") {
            host = hostPort[...close]
            let after = hostPort[hostPort.index(after: close)...]
            if !after.isEmpty { port = after.hasPrefix(":") ? after.dropFirst() : after }
        } else if let colon = hostPort.lastIndex(of: ":") {
            host = hostPort[..<colon]
            port = hostPort[hostPort.index(after: colon)...]
        }
        if host.isEmpty { return "a postgres URL needs a host, as in postgres://USER@HOST:PORT/DB" }
        if let port {
            guard port.allSatisfy(\.isASCII), let number = Int(port), (1...65535).contains(number)
            else {
                return "a postgres URL port must be a number in 1...65535"
            }
        }
        return nil
    }

    /// The scheme of `scheme://...`, when it looks like one (`[A-Za-z][A-Za-z0-9+.-]*`).
    private static func scheme(of url: String) -> String? {
        let scheme = url.prefix { $0 != ":" }
        guard url.dropFirst(scheme.count).hasPrefix("://"), (1...32).contains(scheme.count),
            let first = scheme.unicodeScalars.first, isLetter(first),
            scheme.unicodeScalars.allSatisfy({
                isLetter($0) || "0123456789+.-".unicodeScalars.contains($0)
            })
        else { return nil }
        return String(scheme)
    }

    private static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
    }
}
