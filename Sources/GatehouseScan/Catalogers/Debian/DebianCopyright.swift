/// Reads `usr/share/doc/<package>/copyright` files in Debian's machine-readable (DEP-5) format.
enum DebianCopyright {
    /// The package a copyright file belongs to: `<package>` in `usr/share/doc/<package>/copyright`.
    static func packageName(path: String) -> String? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 5, parts[0] == "usr", parts[1] == "share", parts[2] == "doc", parts[4] == "copyright",
            ScanText.isToken(parts[3])
        else { return nil }
        return String(parts[3])
    }

    /// The distinct licence short names (first line of each `License:` field, in order of appearance) of a
    /// DEP-5 file; empty when the file is not DEP-5 (its first field is not `Format:`) or is too large.
    static func licenses(_ content: [UInt8]) -> [String] {
        let limit = CatalogerKind.debianCopyright.maxBytes
        guard let text = try? ScanText.decode(Array(content.prefix(limit)), path: "copyright", limit: limit)
        else { return [] }
        let lines = ScanText.lines(text)
        guard let first = lines.first(where: { !ScanText.trim($0).isEmpty }),
            first.lowercased().hasPrefix("format:")
        else { return [] }
        var result: [String] = []
        var seen: Set<String> = []
        for line in lines where line.count > 8 && line.prefix(8).lowercased() == "license:" {
            let name = ScanText.trim(line.dropFirst(8))
            guard !name.isEmpty, name.count <= 200, seen.insert(name).inserted else { continue }
            result.append(name)
            if result.count == 100 { break }
        }
        return result
    }
}
