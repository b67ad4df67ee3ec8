/// Credentials in HTTP `Authorization` headers, wherever the header is written: a raw
/// request, `curl -H "Authorization: Bearer ..."`, a JSON or YAML map of headers.
extension SecretRules {
    static let headers: [SecretRule] = [bearer, basic]

    /// The token of `Authorization: Bearer <token>` (also the `token <token>` scheme GitHub
    /// accepts), 16 or more RFC 6750 token characters using at least two of upper case, lower
    /// case and digits. Placeholders (`Bearer $TOKEN`, `Bearer <token>`, `Bearer YOUR_TOKEN`)
    /// do not qualify. The finding covers only the token; a token a more specific rule knows
    /// (a JWT, a GitHub token) is reported under that rule's name.
    static let bearer = SecretRule(
        id: "authorization-bearer", category: .token, description: "bearer token in an Authorization header",
        precedence: Precedence.header, anchors: [.anyCase("authorization")]
    ) { input, start, end in
        guard let value = headerValue(input, start, end, schemes: ["bearer", "token"]) else { return nil }
        let body = input.runEnd(from: value, in: bearerToken, limit: 8192)
        let stop = input.runEnd(from: body, in: ByteSet.padding, limit: 8)
        guard body - value >= 16, input.characterClasses(value..<body) >= 2 else { return nil }
        return value..<stop
    }

    /// The credentials of `Authorization: Basic <base64>`: base64 that decodes to
    /// `user:password` with a non-empty password.
    static let basic = SecretRule(
        id: "authorization-basic", category: .token, description: "basic credentials in an Authorization header",
        precedence: Precedence.header, anchors: [.anyCase("authorization")]
    ) { input, start, end in
        guard let value = headerValue(input, start, end, schemes: ["basic"]) else { return nil }
        let body = input.runEnd(from: value, in: .base64, limit: 4096)
        let stop = input.runEnd(from: body, in: ByteSet.padding, limit: 2)
        guard stop - value >= 8, input.isBoundary(at: stop, for: .base64),
            let decoded = Base64.decode(input.bytes[value..<stop]),
            let colon = decoded.firstIndex(of: UInt8(ascii: ":")), colon + 1 < decoded.count
        else { return nil }
        return value..<stop
    }

    private static let bearerToken = ByteSet("A-Za-z0-9_.~+/-")

    /// Where the credentials start after `authorization` (anchored at `start..<end`): the
    /// header name ends there (`Authorization`, `Proxy-Authorization`), then `:` or `=` with
    /// optional quotes and blanks, one of `schemes` (any case) and at least one blank.
    private static func headerValue(_ input: ScanInput, _ start: Int, _ end: Int, schemes: [String]) -> Int? {
        guard input.isBoundary(at: start - 1, for: .alnum), input.isBoundary(at: end, for: .identifier) else {
            return nil
        }
        var i = input.runEnd(from: end, in: .glue, limit: 4)
        guard let op = input.byte(at: i), op == UInt8(ascii: ":") || op == UInt8(ascii: "=") else { return nil }
        i = input.runEnd(from: i + 1, in: .glue, limit: 4)
        guard let scheme = schemes.first(where: { input.hasLiteral($0.utf8, at: i, caseInsensitive: true) })
        else { return nil }
        i += scheme.utf8.count
        let value = input.runEnd(from: i, in: .blank, limit: 4)
        return value > i ? value : nil
    }
}
