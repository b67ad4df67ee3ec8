/// A non-negative decimal integer of any length, kept as its digits without leading zeros, so that
/// comparing huge numbers never overflows.
struct Numeral: Sendable, Hashable, Comparable {
    /// The digits, most significant first, without leading zeros (zero is empty).
    let digits: [UInt8]

    /// The numeral spelled by `digits` (ASCII `0`–`9` only; the caller checks that).
    init<C: Collection>(digits: C) where C.Element == UInt8 {
        self.digits = Array(digits.drop { $0 == 0x30 })
    }

    /// Zero.
    static let zero = Numeral(digits: [UInt8]())

    /// Whether this is zero.
    var isZero: Bool { digits.isEmpty }

    /// Three-way comparison: by length, then digit by digit.
    func compare(_ other: Numeral) -> Int {
        if digits.count != other.digits.count { return digits.count < other.digits.count ? -1 : 1 }
        return compareBytes(digits[...], other.digits[...])
    }

    static func < (lhs: Numeral, rhs: Numeral) -> Bool { lhs.compare(rhs) < 0 }
}
