import Foundation

/// A `WWW-Authenticate` challenge from an upstream registry: `Bearer realm=…,service=…,scope=…`
/// (the distribution token flow) or `Basic realm=…`. Parsed strictly and bounded; anything
/// else is nil.
struct AuthChallenge: Sendable, Hashable {
    enum Scheme: String, Sendable { case bearer, basic }

    let scheme: Scheme
    let parameters: [String: String]

    var realm: String? { parameters["realm"] }

    init?(header: String) {
        guard header.utf8.count <= 4096 else { return nil }
        let trimmed = header.drop { $0 == " " }
        let name = trimmed.prefix { $0 != " " }
        guard let scheme = Scheme(rawValue: name.lowercased()) else { return nil }
        self.scheme = scheme
        var parameters: [String: String] = [:]
        var rest = trimmed.dropFirst(name.count)
        while true {
            rest = rest.drop { $0 == " " || $0 == "," }
            guard !rest.isEmpty else { break }
            guard let equals = rest.firstIndex(of: "=") else { return nil }
            let key = String(rest[..<equals]).trimmingCharacters(in: .whitespaces).lowercased()
            guard !key.isEmpty, key.allSatisfy({ $0.isLetter || $0 == "_" || $0 == "-" }) else { return nil }
            rest = rest[rest.index(after: equals)...]
            var value = ""
            if rest.first == "\"" {
                rest = rest.dropFirst()
                var closed = false
                while let character = rest.first {
                    rest = rest.dropFirst()
                    if character == "\\" {
                        guard let escaped = rest.first else { return nil }
                        value.append(escaped)
                        rest = rest.dropFirst()
                    } else if character == "\"" {
                        closed = true
                        break
                    } else {
                        value.append(character)
                    }
                }
                guard closed else { return nil }
            } else {
                let token = rest.prefix { $0 != "," && $0 != " " }
                value = String(token)
                rest = rest.dropFirst(token.count)
            }
            parameters[key] = value
        }
        self.parameters = parameters
    }
}
