extension DpkgVersion {
    /// The weight dpkg gives a non-digit byte: `~` below the end of the string, letters next, then
    /// everything else; the end of the string (and a digit, which ends a non-digit run) is 0.
    static func order(_ byte: UInt8?) -> Int {
        guard let byte else { return 0 }
        if byte.isDigit { return 0 }
        if byte.isLetter { return Int(byte) }
        if byte == 0x7E { return -1 }
        return Int(byte) + 256
    }

    /// Debian policy's comparison of one part: alternating non-digit runs (by `order`) and digit
    /// runs (numerically, of any length).
    static func compareParts(_ a: [UInt8], _ b: [UInt8]) -> Int {
        var i = 0
        var j = 0
        while i < a.count || j < b.count {
            while (i < a.count && !a[i].isDigit) || (j < b.count && !b[j].isDigit) {
                let left = order(i < a.count ? a[i] : nil)
                let right = order(j < b.count ? b[j] : nil)
                if left != right { return left < right ? -1 : 1 }
                i += 1
                j += 1
            }
            while i < a.count && a[i] == 0x30 { i += 1 }
            while j < b.count && b[j] == 0x30 { j += 1 }
            var firstDifference = 0
            while i < a.count && a[i].isDigit && j < b.count && b[j].isDigit {
                if firstDifference == 0 && a[i] != b[j] { firstDifference = a[i] < b[j] ? -1 : 1 }
                i += 1
                j += 1
            }
            if i < a.count && a[i].isDigit { return 1 }
            if j < b.count && b[j].isDigit { return -1 }
            if firstDifference != 0 { return firstDifference }
        }
        return 0
    }
}
