/// A set of bytes, for the hand-written matchers of the built-in rules: membership is two
/// shifts and a mask, so scanning a run of "token characters" costs one test per byte.
struct ByteSet: Sendable {
    private var low: UInt64 = 0
    private var high: UInt64 = 0  // bytes 64...127; bytes >= 128 are never members

    /// The bytes of `ascii`; a `-` between two characters stands for the range they span
    /// (`"A-Za-z0-9_-"`), a `-` at either end for itself.
    init(_ ascii: String) {
        let chars = Array(ascii.utf8)
        var i = 0
        while i < chars.count {
            if i + 2 < chars.count, chars[i + 1] == UInt8(ascii: "-") {
                for b in chars[i]...chars[i + 2] { insert(b) }
                i += 3
            } else {
                insert(chars[i])
                i += 1
            }
        }
    }

    private mutating func insert(_ byte: UInt8) {
        precondition(byte < 128, "ByteSet holds ASCII only")
        if byte < 64 { low |= 1 << UInt64(byte) } else { high |= 1 << UInt64(byte - 64) }
    }

    /// Whether `byte` is a member.
    @inline(__always) func contains(_ byte: UInt8) -> Bool {
        if byte < 64 { return low & (1 << UInt64(byte)) != 0 }
        if byte < 128 { return high & (1 << UInt64(byte - 64)) != 0 }
        return false
    }

    /// The members of either set.
    func union(_ other: ByteSet) -> ByteSet {
        var set = self
        set.low |= other.low
        set.high |= other.high
        return set
    }

    static let upper = ByteSet("A-Z")
    static let lower = ByteSet("a-z")
    static let digits = ByteSet("0-9")
    static let alpha = ByteSet("A-Za-z")
    static let alnum = ByteSet("A-Za-z0-9")
    static let upperAlnum = ByteSet("A-Z0-9")
    static let lowerHex = ByteSet("0-9a-f")
    static let hex = ByteSet("0-9a-fA-F")
    /// The standard base64 alphabet without padding.
    static let base64 = ByteSet("A-Za-z0-9+/")
    /// The URL-safe base64 alphabet without padding.
    static let base64URL = ByteSet("A-Za-z0-9_-")
    /// Both base64 alphabets: what the high-entropy rule calls a token character.
    static let anyBase64 = ByteSet("A-Za-z0-9+/_-")
    /// Identifier characters around a keyword: `api_key`, `X-Api-Key`, `aws.secret`.
    static let identifier = ByteSet("A-Za-z0-9_.-")
    /// Both base64 alphabets and padding.
    static let base64Padded = ByteSet("A-Za-z0-9+/=")
    /// The characters of a masked value, `****` or `xxxx`.
    static let mask = ByteSet("*xX")
    /// Base64 padding.
    static let padding = ByteSet("=")
    /// Horizontal white space.
    static let blank = ByteSet(" \t")
    /// Anything that may sit between a key and its value besides the operator: white space,
    /// quotes, and the backslash of a JSON-escaped quote (`{\"token\": \"...\"}`).
    static let glue = ByteSet(" \t\"'\\")
}
