import GatehouseCore

extension ApkVersion {
    /// Splits `bytes` into tokens, enforcing the grammar's order.
    static func tokens(_ bytes: [UInt8], _ text: String) throws(GatehouseError) -> [Token] {
        var tokens: [Token] = []
        var i = 0
        func digits() -> [UInt8] {
            let start = i
            while i < bytes.count && bytes[i].isDigit { i += 1 }
            return Array(bytes[start..<i])
        }
        let first = digits()
        if first.isEmpty { throw VersionInput.invalid("apk", text, "it does not start with a digit") }
        tokens.append(Token(kind: .first, text: first))
        while i < bytes.count && bytes[i] == 0x2E {
            i += 1
            let part = digits()
            if part.isEmpty { throw VersionInput.invalid("apk", text, "a dot is not followed by digits") }
            tokens.append(Token(kind: .dot, text: part))
        }
        if i < bytes.count && bytes[i].isLowerLetter {
            tokens.append(Token(kind: .letter, text: [bytes[i]]))
            i += 1
        }
        while i < bytes.count && bytes[i] == 0x5F {
            i += 1
            guard let rank = suffixRank(bytes, at: &i) else {
                throw VersionInput.invalid("apk", text, "unknown suffix after '_'")
            }
            tokens.append(Token(kind: .suffix, text: [], rank: rank))
            let number = digits()
            if !number.isEmpty { tokens.append(Token(kind: .suffixNumber, text: number)) }
        }
        if i < bytes.count && bytes[i] == 0x7E {
            i += 1
            let start = i
            while i < bytes.count && (bytes[i].isDigit || (bytes[i] >= 0x61 && bytes[i] <= 0x66)) { i += 1 }
            if start == i { throw VersionInput.invalid("apk", text, "'~' is not followed by a hex hash") }
            tokens.append(Token(kind: .hash, text: Array(bytes[start..<i])))
        }
        if i + 1 < bytes.count && bytes[i] == 0x2D && bytes[i + 1] == 0x72 {
            i += 2
            let number = digits()
            if number.isEmpty { throw VersionInput.invalid("apk", text, "'-r' is not followed by digits") }
            tokens.append(Token(kind: .revision, text: number))
        }
        if i != bytes.count { throw VersionInput.invalid("apk", text, "unexpected character at byte \(i + 1)") }
        return tokens
    }

    /// The rank of the suffix word at `i` (advancing past it), or nil for an unknown word.
    private static func suffixRank(_ bytes: [UInt8], at i: inout Int) -> Int? {
        for (offset, word) in preSuffixes.enumerated() where matches(word, bytes, at: i) {
            i += word.utf8.count
            return offset - preSuffixes.count
        }
        for (offset, word) in postSuffixes.enumerated() where matches(word, bytes, at: i) {
            i += word.utf8.count
            return offset
        }
        return nil
    }

    /// Whether `word` is spelled at `bytes[i...]`.
    private static func matches(_ word: String, _ bytes: [UInt8], at i: Int) -> Bool {
        let utf8 = Array(word.utf8)
        guard i + utf8.count <= bytes.count else { return false }
        return bytes[i..<(i + utf8.count)].elementsEqual(utf8)
    }
}
