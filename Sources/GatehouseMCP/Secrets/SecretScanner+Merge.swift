extension SecretScanner {
    /// Sorts `raw` and merges overlapping findings (transitively): the merged finding covers
    /// the union of their ranges and is named after the rule with the highest precedence,
    /// then the longest match, then the rule listed first. Touching findings
    /// (`a.upperBound == b.lowerBound`) stay separate.
    func merge(_ raw: [RawFinding]) -> [SecretFinding] {
        let sorted = raw.sorted {
            ($0.range.lowerBound, $1.range.upperBound, $0.rule) < ($1.range.lowerBound, $0.range.upperBound, $1.rule)
        }
        var merged: [SecretFinding] = []
        var index = 0
        while index < sorted.count {
            var union = sorted[index].range
            var best = sorted[index]
            index += 1
            while index < sorted.count, sorted[index].range.lowerBound < union.upperBound {
                let next = sorted[index]
                union = union.lowerBound..<max(union.upperBound, next.range.upperBound)
                if outranks(next, best) { best = next }
                index += 1
            }
            let rule = rules[best.rule]
            merged.append(
                SecretFinding(rule: rule.id, category: rule.category, range: union, description: rule.description))
        }
        return merged
    }

    private func outranks(_ a: RawFinding, _ b: RawFinding) -> Bool {
        let (pa, pb) = (rules[a.rule].precedence, rules[b.rule].precedence)
        if pa != pb { return pa > pb }
        if a.range.count != b.range.count { return a.range.count > b.range.count }
        return a.rule < b.rule
    }
}
