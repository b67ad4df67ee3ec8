import GatehouseCore

/// A cursor over a lower-cased PEP 440 string that follows `packaging`'s regular expression, whose
/// optional groups are possessive: a group that matches is never given back.
struct PEP440Parser {
    /// The lower-cased bytes, surrounding whitespace removed.
    private let bytes: [UInt8]
    /// The next byte to read.
    private var i = 0
    /// The original text, for error messages.
    private let text: String

    /// Prepares to parse `text`.
    init(_ text: String) throws(GatehouseError) {
        self.text = text
        var scalars = Substring(text).unicodeScalars[...]
        while let first = scalars.first, Self.isSpace(first) { scalars = scalars.dropFirst() }
        while let last = scalars.last, Self.isSpace(last) { scalars = scalars.dropLast() }
        if scalars.contains(where: { !$0.isASCII }) {
            throw VersionInput.invalid("PEP 440", text, "non-ASCII character")
        }
        bytes = try VersionInput.bytes(String(String.UnicodeScalarView(scalars)), scheme: "PEP 440").map(\.lowercased)
    }

    /// Python's `str.isspace`, which `\s` follows: Unicode white space plus the separators U+001C–U+001F.
    private static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isWhitespace || (0x1C...0x1F).contains(scalar.value)
    }

    /// Fills in `version`'s parts, or throws if the whole string is not one version.
    mutating func parse(into version: inout PEP440Version) throws(GatehouseError) {
        if peek() == 0x76 { i += 1 }
        let start = i
        if let epoch = number(), peek() == 0x21 {
            i += 1
            version.epoch = epoch
        } else {
            i = start
        }
        guard let major = number() else { throw fail("the release does not start with a number") }
        version.release = [major]
        while peek() == 0x2E, i + 1 < bytes.count, bytes[i + 1].isDigit {
            i += 1
            if let part = number() { version.release.append(part) }
        }
        version.pre = preRelease()
        version.post = postRelease()
        version.dev = devRelease()
        if peek() == 0x2B {
            i += 1
            version.local = try localLabel()
        }
        if i != bytes.count { throw fail("unexpected text at byte \(i + 1)") }
    }

    /// `[._-]?(alpha|a|beta|b|preview|pre|c|rc)[._-]?N?`, rank 0 a, 1 b, 2 rc.
    private mutating func preRelease() -> (rank: Int, number: Numeral)? {
        let start = i
        separator()
        let words: [(String, Int)] = [
            ("alpha", 0), ("a", 0), ("beta", 1), ("b", 1), ("preview", 2), ("pre", 2), ("c", 2), ("rc", 2),
        ]
        for (spelling, rank) in words where word(spelling) {
            separator()
            return (rank, number() ?? .zero)
        }
        i = start
        return nil
    }

    /// `-N`, or `[._-]?(post|rev|r)[._-]?N?`.
    private mutating func postRelease() -> Numeral? {
        let start = i
        if peek() == 0x2D {
            i += 1
            if let number = number() { return number }
            i = start
        }
        separator()
        for spelling in ["post", "rev", "r"] where word(spelling) {
            separator()
            return number() ?? .zero
        }
        i = start
        return nil
    }

    /// `[._-]?dev[._-]?N?`.
    private mutating func devRelease() -> Numeral? {
        let start = i
        separator()
        if word("dev") {
            separator()
            return number() ?? .zero
        }
        i = start
        return nil
    }

    /// `[a-z0-9]+([._-][a-z0-9]+)*`, each segment a number or a word.
    private mutating func localLabel() throws(GatehouseError) -> [PEP440Version.LocalPart] {
        var parts: [PEP440Version.LocalPart] = []
        while true {
            let start = i
            while i < bytes.count && bytes[i].isAlphanumeric { i += 1 }
            if start == i { throw fail("empty segment in the local version") }
            let segment = bytes[start..<i]
            parts.append(segment.allSatisfy(\.isDigit) ? .number(Numeral(digits: segment)) : .word(Array(segment)))
            guard let next = peek(), [0x2E, 0x2D, 0x5F].contains(next), i + 1 < bytes.count,
                bytes[i + 1].isAlphanumeric
            else { return parts }
            i += 1
        }
    }

    /// The byte at the cursor.
    private func peek() -> UInt8? { i < bytes.count ? bytes[i] : nil }

    /// Skips one optional `.`, `-` or `_`.
    private mutating func separator() {
        if let byte = peek(), byte == 0x2E || byte == 0x2D || byte == 0x5F { i += 1 }
    }

    /// Reads `word` if it is next.
    private mutating func word(_ word: String) -> Bool {
        let utf8 = Array(word.utf8)
        guard i + utf8.count <= bytes.count, bytes[i..<(i + utf8.count)].elementsEqual(utf8) else { return false }
        i += utf8.count
        return true
    }

    /// Reads a run of digits.
    private mutating func number() -> Numeral? {
        let start = i
        while i < bytes.count && bytes[i].isDigit { i += 1 }
        return start == i ? nil : Numeral(digits: bytes[start..<i])
    }

    /// An error naming the input and the problem.
    private func fail(_ problem: String) -> GatehouseError { VersionInput.invalid("PEP 440", text, problem) }
}
