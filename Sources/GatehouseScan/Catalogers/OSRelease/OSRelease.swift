/// Reads `os-release` files (freedesktop.org): `KEY=value` lines with shell-style quoting.
enum OSRelease {
    /// The distro described by `content`, or nil when it is too large or has no `ID`.
    static func distro(_ content: [UInt8]) -> Distro? {
        guard content.count <= CatalogerKind.osRelease.maxBytes,
            let text = try? ScanText.decode(content, path: "os-release", limit: CatalogerKind.osRelease.maxBytes)
        else { return nil }
        let fields = parse(text)
        guard let id = fields["ID"]?.lowercased(), ScanText.isToken(id) else { return nil }
        let versionID = fields["VERSION_ID"].flatMap { ScanText.isToken($0) ? $0 : nil } ?? ""
        let codename = fields["VERSION_CODENAME"].flatMap { ScanText.isToken($0) ? $0 : nil }
        let pretty = fields["PRETTY_NAME"].flatMap { $0.isEmpty ? nil : String($0.prefix(200)) }
        return Distro(id: id, versionID: versionID, codename: codename, prettyName: pretty)
    }

    /// The assignments in `text`; comments, blank and malformed lines are ignored, later keys win.
    static func parse(_ text: String) -> [String: String] {
        var fields: [String: String] = [:]
        for line in ScanText.lines(text) {
            let trimmed = ScanText.trim(line)
            guard !trimmed.isEmpty, !trimmed.hasPrefix("#"), let equals = trimmed.firstIndex(of: "=") else {
                continue
            }
            let key = String(trimmed[..<equals])
            guard !key.isEmpty, key.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }),
                let value = unquote(trimmed[trimmed.index(after: equals)...])
            else { continue }
            fields[key] = value
        }
        return fields
    }

    /// A shell word: `"…"` (with `\"`, `\\`, `\$`, `` \` `` escapes), `'…'` (literal) or bare (with `\x`
    /// escapes); adjacent pieces concatenate. Nil when a quote is unterminated.
    static func unquote(_ raw: Substring) -> String? {
        var out = ""
        var chars = raw.makeIterator()
        while let char = chars.next() {
            switch char {
            case "\"":
                var closed = false
                while let inner = chars.next() {
                    if inner == "\"" {
                        closed = true
                        break
                    }
                    if inner == "\\", let escaped = chars.next() {
                        if !"\"\\$`".contains(escaped) { out.append("\\") }
                        out.append(escaped)
                    } else {
                        out.append(inner)
                    }
                }
                if !closed { return nil }
            case "'":
                var closed = false
                while let inner = chars.next() {
                    if inner == "'" {
                        closed = true
                        break
                    }
                    out.append(inner)
                }
                if !closed { return nil }
            case "\\":
                if let escaped = chars.next() { out.append(escaped) }
            default:
                out.append(char)
            }
        }
        return out
    }
}
