/// The UTF-8 bytes of one scanned text plus what the matchers of one scan share. It lives only
/// for the duration of a scan (the buffer is borrowed from the string), so it never escapes.
final class ScanInput {
    /// The text, as UTF-8.
    let bytes: UnsafeBufferPointer<UInt8>
    /// `bytes.count`.
    let count: Int
    private var literalPositions: [[UInt8]: [Int]] = [:]
    private var delimiterSearches = [(from: Int, found: Int)](
        repeating: (from: -1, found: -1), count: DelimiterSearch.allCases.count)

    /// The delimiter searches ``nextIndex(from:in:for:)`` remembers, one per kind.
    enum DelimiterSearch: Int, CaseIterable {
        /// The end of an unquoted connection-string value.
        case connectionStringValue
    }

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        self.count = bytes.count
    }

    /// The byte at `index`, or nil outside the text (so "before the start" and "after the
    /// end" read as a boundary).
    @inline(__always) func byte(at index: Int) -> UInt8? {
        index >= 0 && index < count ? bytes[index] : nil
    }

    /// Whether the byte at `index` is outside the text or not in `set`: a word boundary for
    /// the characters of `set`.
    @inline(__always) func isBoundary(at index: Int, for set: ByteSet) -> Bool {
        guard let b = byte(at: index) else { return true }
        return !set.contains(b)
    }

    /// The end of the run of `set` bytes starting at `start`, looking at no more than `limit`
    /// bytes (so every matcher does bounded work per anchor and a scan stays linear).
    @inline(__always) func runEnd(from start: Int, in set: ByteSet, limit: Int) -> Int {
        var i = start
        let end = min(count, start + limit)
        while i < end, set.contains(bytes[i]) { i += 1 }
        return i
    }

    /// The start of the run of `set` bytes ending just before `end`, looking back at most
    /// `limit` bytes.
    @inline(__always) func runStart(before end: Int, in set: ByteSet, limit: Int) -> Int {
        var i = end
        let stop = max(0, end - limit)
        while i > stop, set.contains(bytes[i - 1]) { i -= 1 }
        return i
    }

    /// Whether `literal` occurs at `index`; with `caseInsensitive`, `literal` must be lower
    /// case and ASCII letters in the text compare without case.
    @inline(__always) func hasLiteral(
        _ literal: some Collection<UInt8>, at index: Int, caseInsensitive: Bool = false
    ) -> Bool {
        guard index >= 0, index + literal.count <= count else { return false }
        var i = index
        for expected in literal {
            var b = bytes[i]
            if caseInsensitive, b >= 0x41, b <= 0x5A { b |= 0x20 }
            if b != expected { return false }
            i += 1
        }
        return true
    }

    /// The index of the first occurrence of `literal` in `range`, if any.
    func firstIndex(of literal: [UInt8], in range: Range<Int>, caseInsensitive: Bool = false) -> Int? {
        guard let first = literal.first else { return range.lowerBound }
        let last = min(range.upperBound, count) - literal.count
        guard range.lowerBound <= last else { return nil }
        for i in range.lowerBound...last {
            var b = bytes[i]
            if caseInsensitive, b >= 0x41, b <= 0x5A { b |= 0x20 }
            if b == first, hasLiteral(literal, at: i, caseInsensitive: caseInsensitive) { return i }
        }
        return nil
    }

    /// The index of the first byte in `set` at or after `start` (or `count`). The last search
    /// of each kind (`search`, always with the same set) is remembered, and a search starting
    /// inside the stretch a previous one crossed reuses its answer, so anchors that repeat in
    /// a long stretch without a delimiter (`pwd=pwd=pwd=...`) cost one pass over it, not one
    /// each.
    func nextIndex(from start: Int, in set: ByteSet, for search: DelimiterSearch) -> Int {
        let last = delimiterSearches[search.rawValue]
        if start >= last.from, start <= last.found { return last.found }
        var i = start
        while i < count, !set.contains(bytes[i]) { i += 1 }
        delimiterSearches[search.rawValue] = (start, i)
        return i
    }

    /// Whether `literal` (case-sensitive) starts anywhere within `window` bytes of `position`.
    /// The positions of each literal are found once per scan and then binary-searched, so many
    /// anchors asking about the same literal cost one pass over the text, not one each.
    func occurs(_ literal: [UInt8], near position: Int, window: Int) -> Bool {
        let positions = positions(of: literal)
        var lo = 0
        var hi = positions.count
        let from = position - window
        while lo < hi {
            let mid = (lo + hi) / 2
            if positions[mid] < from { lo = mid + 1 } else { hi = mid }
        }
        return lo < positions.count && positions[lo] <= position + window
    }

    private func positions(of literal: [UInt8]) -> [Int] {
        if let known = literalPositions[literal] { return known }
        var found: [Int] = []
        var i = 0
        while let hit = firstIndex(of: literal, in: i..<count) {
            found.append(hit)
            i = hit + 1
        }
        literalPositions[literal] = found
        return found
    }
}

extension ScanInput {
    /// Runs `body` over the UTF-8 bytes of `text` without copying them when the string is
    /// native (contiguous) UTF-8.
    static func with<R>(_ text: String, _ body: (ScanInput) -> R) -> R {
        if let result = text.utf8.withContiguousStorageIfAvailable({ body(ScanInput($0)) }) {
            return result
        }
        let copy = Array(text.utf8)
        return copy.withUnsafeBufferPointer { body(ScanInput($0)) }
    }
}
