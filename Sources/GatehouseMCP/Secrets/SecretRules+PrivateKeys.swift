/// PEM private key blocks.
extension SecretRules {
    static let privateKeys: [SecretRule] = [pem]

    private static let keyTypes = ["RSA ", "EC ", "DSA ", "OPENSSH ", "ENCRYPTED ", "PGP "].map { Array($0.utf8) }
    private static let headerName = ByteSet("A-Za-z0-9-")
    private static let headerLine = ByteSet("A-Za-z0-9+/=:, -")
    private static let dashes = Array("-----".utf8)

    /// `-----BEGIN (RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY( BLOCK)?-----`, through
    /// the matching `-----END ...-----` line when there is one. Without an END line (a key cut
    /// off by a length limit), through the lines that follow the BEGIN line while they look
    /// like key material (base64 and the `Proc-Type:`/`DEK-Info:` headers); line breaks may be
    /// real or JSON-escaped (`\n`). Public keys and certificates are not secrets and are not
    /// reported.
    static let pem = SecretRule(
        id: "private-key", category: .privateKey, description: "PEM private key", precedence: Precedence.privateKey,
        anchors: [Anchor("-----BEGIN ")]
    ) { input, start, end in
        var i = end
        if let type = keyTypes.first(where: { input.hasLiteral($0, at: i) }) { i += type.count }
        guard input.hasLiteral("PRIVATE KEY".utf8, at: i) else { return nil }
        i += 11
        if input.hasLiteral(" BLOCK".utf8, at: i) { i += 6 }
        guard input.hasLiteral(dashes, at: i) else { return nil }
        let headerEnd = i + 5
        // The next run of dashes is the END line, unless the key was cut off: then it is
        // another block's (or nothing within 64 KiB). Stopping there keeps a scan linear.
        if let next = input.firstIndex(of: dashes, in: headerEnd..<(headerEnd + 65_536)),
            input.hasLiteral("-----END ".utf8, at: next),
            let close = input.firstIndex(of: dashes, in: (next + 9)..<(next + 9 + 64))
        {
            return start..<(close + 5)
        }
        return start..<keyMaterialEnd(input, from: headerEnd)
    }

    /// The end of the key-material lines after `start` (the end of a BEGIN line).
    private static func keyMaterialEnd(_ input: ScanInput, from start: Int) -> Int {
        var end = start
        var i = start
        for _ in 0..<256 {
            var next = i
            // Up to two line breaks (a blank line follows the encryption headers).
            for _ in 0..<2 { next = skipLineBreak(input, at: next) }
            guard next > i else { break }
            var stop = input.runEnd(from: next, in: headerName, limit: 64)
            if stop > next, input.byte(at: stop) == UInt8(ascii: ":") {
                stop = input.runEnd(from: stop, in: headerLine, limit: 512)  // `DEK-Info: AES-128-CBC,...`
            } else {
                stop = input.runEnd(from: next, in: .base64Padded, limit: 512)
            }
            guard stop > next else { break }
            end = stop
            i = stop
        }
        return end
    }

    /// The index after one line break at `index` (`\r\n`, `\n`, `\r`, or their JSON escapes),
    /// or `index` itself if there is none.
    private static func skipLineBreak(_ input: ScanInput, at index: Int) -> Int {
        for brk in ["\r\n", "\n", "\r", "\\r\\n", "\\n", "\\r"] where input.hasLiteral(brk.utf8, at: index) {
            return index + brk.utf8.count
        }
        return index
    }
}
