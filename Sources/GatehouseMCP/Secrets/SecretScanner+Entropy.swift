/// The high-entropy heuristic: random-looking values assigned to secret-sounding names.
extension SecretRules {
    /// Minimum length of a high-entropy value.
    static let entropyMinimumLength = 24
    /// Minimum Shannon entropy of a high-entropy value, in bits per character. A string of
    /// n distinct characters scores log2(n), so 24 characters can reach at most 4.58: short
    /// values need nearly all-distinct characters, random 40-character base64 scores ~5.
    static let entropyThreshold = 4.5

    /// A value of 24 to 1024 base64 or base64url characters (`=` padding allowed) with
    /// entropy >= 4.5 bits per character and upper case, lower case and digits, assigned to
    /// a name containing `key`, `secret`, `token`, `passw`, `pwd`, `credential` or `auth`
    /// (`"api_key": "..."`, `SECRET=...`, `client_secret: ...`, `--token ...`).
    ///
    /// Deliberate false-negative choices, to keep tool calls flowing:
    /// - no name, no finding: the same value in free text is indistinguishable from an ID,
    ///   a hash or a nonce;
    /// - hex strings (git SHAs, SHA-256 digests, UUIDs) are never reported, nor values
    ///   lacking one of upper case, lower case or digits (words, slugs, `snake_case`);
    /// - base64 that decodes to text with a space or with low entropy (an encoded sentence or
    ///   config) is data, not a key;
    /// - names that say the value is public, a pagination cursor or a one-time nonce
    ///   (`public_key`, `publishable_key`, `next_page_token`, `cursor`, `continuation_token`,
    ///   `Sec-WebSocket-Key`, `auth_nonce`) or an identifier (`key_id`, `tokenId`);
    /// - the value must end where the string or word ends (a quote, white space, `,`, `;`,
    ///   `&`, a bracket), so the leading part of a URL or path is not taken for a token;
    /// - longer than 1024 characters is a blob (an image, an archive), not a credential.
    static let highEntropy = SecretRule(
        id: "high-entropy-secret", category: .highEntropy, description: "high-entropy value assigned to a secret name",
        precedence: Precedence.heuristic,
        anchors: ["key", "secret", "token", "passw", "pwd", "credential", "auth"].map { Anchor.anyCase($0) }
    ) { input, start, end in
        let nameStart = input.runStart(before: start, in: .identifier, limit: 48)
        let nameEnd = input.runEnd(from: end, in: .identifier, limit: 48)
        guard input.isBoundary(at: nameStart - 1, for: .identifier), input.isBoundary(at: nameEnd, for: .identifier),
            !excludedName(input, nameStart..<nameEnd),
            let valueStart = input.valueStart(
                afterKey: nameEnd, allowSpace: input.byte(at: nameStart) == UInt8(ascii: "-"))
        else { return nil }
        let body = input.runEnd(from: valueStart, in: .anyBase64, limit: 1025)
        let stop = input.runEnd(from: body, in: .padding, limit: 2)
        let value = valueStart..<stop
        guard body - valueStart >= entropyMinimumLength, body - valueStart <= 1024,
            input.isBoundary(at: stop, for: notTerminator),
            input.hasMixedCase(valueStart..<body), !input.isHexLike(valueStart..<body),
            input.entropy(valueStart..<body) >= entropyThreshold, !encodesText(input, value)
        else { return nil }
        return value
    }

    /// Bytes that may follow a value: anything else means the value goes on (a URL, a path).
    private static let notTerminator = ByteSet("!#$%()*+-./0-9:<>?@A-Z^_`a-z|~")

    private static let excludedWords = [
        "public", "publishable", "page", "cursor", "continuation", "websocket", "nonce",
    ].map { Array($0.utf8) }

    /// Whether the name says its value is public, a pagination cursor, a nonce or an identifier.
    private static func excludedName(_ input: ScanInput, _ name: Range<Int>) -> Bool {
        for word in excludedWords where input.firstIndex(of: word, in: name, caseInsensitive: true) != nil {
            return true
        }
        return name.count >= 2 && input.hasLiteral("id".utf8, at: name.upperBound - 2, caseInsensitive: true)
    }

    /// Whether `range` is base64 of text: valid UTF-8 without control characters (other than
    /// tab and line breaks) that contains a space or has less than 4 bits of entropy per byte.
    /// Random bytes almost never decode to valid UTF-8, so keys are not mistaken for text.
    private static func encodesText(_ input: ScanInput, _ range: Range<Int>) -> Bool {
        guard let decoded = Base64.decode(input.bytes[range]), decoded.count >= 8,
            let text = String(validating: decoded, as: UTF8.self),
            text.unicodeScalars.allSatisfy({
                $0.value >= 0x20 && $0.value != 0x7F || "\t\n\r".unicodeScalars.contains($0)
            })
        else { return false }
        return decoded.contains(UInt8(ascii: " ")) || decoded.withUnsafeBufferPointer { Entropy.shannon($0) } < 4
    }
}
