/// Tool globs and name suggestions.
extension MCPProfile {
    /// Whether a glob is well formed: 1 to 256 letters, digits and `_ . - / * ?`.
    static func isValidGlob(_ glob: String) -> Bool {
        (1...256).contains(glob.unicodeScalars.count)
            && glob.unicodeScalars.allSatisfy { scalar in
                ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
                    || "_.-/*?".unicodeScalars.contains(scalar)
            }
    }

    /// Whether `glob` matches all of `name`: `*` any run of characters, `?` one character.
    /// Linear in practice: on a mismatch only the last `*` is retried.
    static func glob(_ glob: String, matches name: String) -> Bool {
        let pattern = Array(glob.unicodeScalars)
        let text = Array(name.unicodeScalars)
        var p = 0
        var t = 0
        var star: (pattern: Int, text: Int)?
        while t < text.count {
            if p < pattern.count, pattern[p] == "?" || pattern[p] == text[t] {
                p += 1
                t += 1
            } else if p < pattern.count, pattern[p] == "*" {
                star = (p, t)
                p += 1
            } else if let last = star {
                p = last.pattern + 1
                t = last.text + 1
                star = (last.pattern, last.text + 1)
            } else {
                return false
            }
        }
        while p < pattern.count, pattern[p] == "*" { p += 1 }
        return p == pattern.count
    }

    /// The candidate within two edits of `word`, if any (for "did you mean").
    static func nearest(_ word: String, among candidates: [String]) -> String? {
        var best: (name: String, distance: Int)?
        for candidate in candidates {
            let distance = editDistance(Array(word), Array(candidate))
            if distance <= 2, distance < (best?.distance ?? .max) { best = (candidate, distance) }
        }
        return best?.name
    }

    private static func editDistance(_ lhs: [Character], _ rhs: [Character]) -> Int {
        guard abs(lhs.count - rhs.count) <= 2, max(lhs.count, rhs.count) <= 256 else { return 3 }
        var previous = Array(0...rhs.count)
        for (i, left) in lhs.enumerated() {
            var current = [i + 1] + Array(repeating: 0, count: rhs.count)
            for (j, right) in rhs.enumerated() {
                current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, previous[j] + (left == right ? 0 : 1))
            }
            previous = current
        }
        return previous[rhs.count]
    }
}
