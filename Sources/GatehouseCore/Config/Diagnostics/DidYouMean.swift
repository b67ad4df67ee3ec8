/// Suggestions for misspelt names: a case-insensitive match, else the closest candidate within
/// two edits (Levenshtein distance).
package enum DidYouMean {
    /// The largest edit distance still suggested.
    static let maxDistance = 2

    /// The candidate `word` was most likely meant to be, if any is close enough.
    package static func suggestion(for word: String, among candidates: [String]) -> String? {
        let lowered = word.lowercased()
        if let match = candidates.first(where: { $0.lowercased() == lowered }) { return match }
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            let distance = distance(lowered, candidate.lowercased())
            if distance <= maxDistance, distance < (best?.distance ?? Int.max) {
                best = (candidate, distance)
            }
        }
        return best?.candidate
    }

    /// `did you mean "x"?` when a candidate is close, else `expected one of: a, b, c`; nil when
    /// there are no candidates.
    package static func hint(for word: String, among candidates: [String]) -> String? {
        if let suggestion = suggestion(for: word, among: candidates) {
            return "did you mean \(ConfigEcho.quoted(suggestion))?"
        }
        return candidates.isEmpty ? nil : "expected one of: " + candidates.joined(separator: ", ")
    }

    /// The Levenshtein distance between two strings, counted in characters; any value above
    /// ``maxDistance`` means "too far" (long inputs are not compared in full).
    static func distance(_ lhs: String, _ rhs: String) -> Int {
        let left = Array(lhs)
        let right = Array(rhs)
        if abs(left.count - right.count) > maxDistance || max(left.count, right.count) > 256 {
            return maxDistance + 1
        }
        var previous = Array(0...right.count)
        for (i, leftChar) in left.enumerated() {
            var current = [i + 1] + Array(repeating: 0, count: right.count)
            for (j, rightChar) in right.enumerated() {
                let substitution = previous[j] + (leftChar == rightChar ? 0 : 1)
                current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, substitution)
            }
            previous = current
        }
        return previous[right.count]
    }
}
