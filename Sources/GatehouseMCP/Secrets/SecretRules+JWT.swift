import Foundation

/// JSON Web Tokens.
extension SecretRules {
    static let jwt: [SecretRule] = [jsonWebToken]

    /// Three base64url segments joined by dots, the first two decoding to JSON objects and the
    /// first (the header) having an `alg` member; the signature may be empty (`alg: none`).
    /// The anchor is `eyJ`, the base64url of `{"`: every JWT library writes compact JSON, so a
    /// header starting `{ "` (white space first) is not looked for. Five-segment JWE tokens
    /// are not reported as JWTs.
    static let jsonWebToken = SecretRule(
        id: "jwt", category: .jwt, description: "JSON Web Token", precedence: Precedence.jwt,
        anchors: [Anchor("eyJ")]
    ) { input, start, _ in
        let segment = ByteSet.base64URL
        let dot = UInt8(ascii: ".")
        guard input.isBoundary(at: start - 1, for: segment) else { return nil }
        let headerEnd = input.runEnd(from: start, in: segment, limit: 4097)
        guard headerEnd - start >= 10, headerEnd - start <= 4096, input.byte(at: headerEnd) == dot,
            input.hasLiteral("eyJ".utf8, at: headerEnd + 1)
        else { return nil }
        let payloadEnd = input.runEnd(from: headerEnd + 1, in: segment, limit: 65_537)
        guard payloadEnd - headerEnd - 1 <= 65_536, input.byte(at: payloadEnd) == dot else { return nil }
        let signatureEnd = input.runEnd(from: payloadEnd + 1, in: segment, limit: 4097)
        guard signatureEnd - payloadEnd - 1 <= 4096,
            !(input.byte(at: signatureEnd) == dot && !input.isBoundary(at: signatureEnd + 1, for: segment)),
            let header = jsonObject(input, start..<headerEnd), header["alg"] is String,
            jsonObject(input, (headerEnd + 1)..<payloadEnd) != nil
        else { return nil }
        return start..<signatureEnd
    }

    /// The JSON object a base64url segment encodes, if it encodes one.
    private static func jsonObject(_ input: ScanInput, _ range: Range<Int>) -> [String: Any]? {
        guard let bytes = Base64.decode(input.bytes[range]) else { return nil }
        return (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any]
    }
}
