/// A rule's match before merging: the index of the rule and the byte range.
struct RawFinding {
    let rule: Int
    let range: Range<Int>
}

/// The anchors of all rules, indexed by first byte, so the scan loop looks at each byte of the
/// text once and compares only the few anchors that start with it.
struct AnchorTable: Sendable {
    private struct Entry: Sendable {
        let rule: Int
        let literal: Range<Int>  // in `literals`
        let caseInsensitive: Bool
    }

    /// `entries[offsets[b]..<offsets[b + 1]]` are the anchors whose first byte is `b`.
    private let offsets: [Int]
    private let entries: [Entry]
    private let literals: [UInt8]
    private let matchers: [(@Sendable (ScanInput, Int, Int) -> Range<Int>?)?]

    init(_ rules: [SecretRule]) {
        var byFirst = [[Entry]](repeating: [], count: 256)
        var literals: [UInt8] = []
        var matchers: [(@Sendable (ScanInput, Int, Int) -> Range<Int>?)?] = []
        for (index, rule) in rules.enumerated() {
            guard case .anchored(let anchors, let match) = rule.matcher else {
                matchers.append(nil)
                continue
            }
            matchers.append(match)
            for anchor in anchors {
                guard let first = anchor.bytes.first else { continue }
                let entry = Entry(
                    rule: index, literal: literals.count..<(literals.count + anchor.bytes.count),
                    caseInsensitive: anchor.caseInsensitive)
                literals += anchor.bytes
                byFirst[Int(first)].append(entry)
                if anchor.caseInsensitive, ByteSet.lower.contains(first) { byFirst[Int(first - 0x20)].append(entry) }
            }
        }
        var offsets = [0]
        for list in byFirst { offsets.append(offsets[offsets.count - 1] + list.count) }
        self.offsets = offsets
        self.entries = byFirst.flatMap { $0 }
        self.literals = literals
        self.matchers = matchers
    }

    /// Every anchored rule's matches in `input`, in order of anchor position; with
    /// `firstOnly`, at most one.
    func scan(_ input: ScanInput, firstOnly: Bool) -> [RawFinding] {
        var found: [RawFinding] = []
        let bytes = input.bytes
        let count = input.count
        offsets.withUnsafeBufferPointer { offsets in
            entries.withUnsafeBufferPointer { entries in
                literals.withUnsafeBufferPointer { literals in
                    var i = 0
                    while i < count {
                        let first = Int(bytes[i])
                        var k = offsets[first]
                        let last = offsets[first + 1]
                        while k < last {
                            let entry = entries[k]
                            k += 1
                            let length = entry.literal.count
                            guard i + length <= count else { continue }
                            var j = 1
                            while j < length {
                                var b = bytes[i + j]
                                if entry.caseInsensitive, b >= 0x41, b <= 0x5A { b |= 0x20 }
                                if b != literals[entry.literal.lowerBound + j] { break }
                                j += 1
                            }
                            guard j == length, let range = matchers[entry.rule]?(input, i, i + length) else { continue }
                            found.append(RawFinding(rule: entry.rule, range: range))
                            if firstOnly { return }
                        }
                        i += 1
                    }
                }
            }
        }
        return found
    }
}

extension SecretScanner {
    /// The matches of every rule in `text`, unmerged; with `firstOnly`, at most one.
    func findings(in text: String, firstOnly: Bool) -> [RawFinding] {
        var found = ScanInput.with(text) { anchors.scan($0, firstOnly: firstOnly) }
        if firstOnly, !found.isEmpty { return found }
        for index in patternRules {
            guard case .pattern(let pattern) = rules[index].matcher else { continue }
            for range in pattern.matches(in: text) {
                found.append(RawFinding(rule: index, range: range))
                if firstOnly { return found }
            }
        }
        return found
    }
}
