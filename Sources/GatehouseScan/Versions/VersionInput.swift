import GatehouseCore

/// Shared limits and helpers for reading hostile version strings.
enum VersionInput {
    /// The longest version string any scheme reads, in UTF-8 bytes.
    static let maxLength = 512

    /// The bytes of `text`, or `.versionInvalid` when it is empty or longer than `maxLength`.
    static func bytes(_ text: String, scheme: String) throws(GatehouseError) -> [UInt8] {
        let bytes = Array(text.utf8)
        if bytes.isEmpty {
            throw GatehouseError(.versionInvalid, "\(scheme) version is empty")
        }
        if bytes.count > maxLength {
            throw GatehouseError(.versionInvalid, "\(scheme) version is longer than \(maxLength) bytes")
        }
        return bytes
    }

    /// A `.versionInvalid` error naming the scheme, the problem and (a bounded, escaped quote of) the input.
    static func invalid(_ scheme: String, _ text: String, _ problem: String) -> GatehouseError {
        GatehouseError(.versionInvalid, "\(scheme) version \(quoted(text)): \(problem)")
    }

    /// `text` in double quotes, cut to 64 scalars, with control and non-ASCII characters escaped.
    static func quoted(_ text: String, limit: Int = 64) -> String {
        var out = "\""
        var count = 0
        for scalar in text.unicodeScalars {
            if count == limit {
                out += "…"
                break
            }
            count += 1
            if scalar.value >= 0x20 && scalar.value < 0x7F && scalar != "\"" && scalar != "\\" {
                out.unicodeScalars.append(scalar)
            } else {
                out += "\\u{\(String(scalar.value, radix: 16))}"
            }
        }
        return out + "\""
    }
}

extension UInt8 {
    /// `0`–`9`.
    var isDigit: Bool { self >= 0x30 && self <= 0x39 }
    /// `a`–`z`.
    var isLowerLetter: Bool { self >= 0x61 && self <= 0x7A }
    /// `A`–`Z`.
    var isUpperLetter: Bool { self >= 0x41 && self <= 0x5A }
    /// An ASCII letter.
    var isLetter: Bool { isLowerLetter || isUpperLetter }
    /// An ASCII letter or digit.
    var isAlphanumeric: Bool { isLetter || isDigit }
    /// The ASCII lower-case form.
    var lowercased: UInt8 { isUpperLetter ? self + 0x20 : self }
}

/// Lexicographic byte comparison: negative, zero or positive.
func compareBytes(_ a: ArraySlice<UInt8>, _ b: ArraySlice<UInt8>) -> Int {
    var i = a.startIndex
    var j = b.startIndex
    while i < a.endIndex && j < b.endIndex {
        if a[i] != b[j] { return a[i] < b[j] ? -1 : 1 }
        i += 1
        j += 1
    }
    let restA = a.endIndex - i
    let restB = b.endIndex - j
    return restA == restB ? 0 : (restA < restB ? -1 : 1)
}

/// Three-way comparison of two comparable values.
func compareValues<T: Comparable>(_ a: T, _ b: T) -> Int {
    a < b ? -1 : (a == b ? 0 : 1)
}
