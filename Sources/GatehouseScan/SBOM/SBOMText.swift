/// Makes hostile strings from an image safe to put in an SBOM.
///
/// JSON itself can carry any Unicode string, but consumers of SBOMs choke on control characters
/// and unbounded fields, and SPDX identifiers allow only `[A-Za-z0-9.-]`.
enum SBOMText {
    /// The longest a free-text field (name, version, location) may be, in Unicode scalars.
    static let fieldLimit = 1024
    /// The longest a sanitised identifier part may be, in characters.
    static let idLimit = 64

    /// `text` with control characters (C0, DEL, C1) turned into U+FFFD and cut to at most `limit`
    /// scalars (ending in `…` when cut).
    static func clean(_ text: String, limit: Int = fieldLimit) -> String {
        let cut = text.unicodeScalars.count > limit
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars.prefix(cut ? limit - 1 : limit) {
            scalars.append(isControl(scalar) ? "\u{FFFD}" : scalar)
        }
        if cut { scalars.append("\u{2026}") }
        return String(scalars)
    }

    /// `text` reduced to `[A-Za-z0-9.-]`: other runs become one `-`, cut to `limit`; never empty.
    static func idPart(_ text: String, limit: Int = idLimit) -> String {
        var result = ""
        var pendingDash = false
        for scalar in text.unicodeScalars {
            if isIDCharacter(scalar) {
                if pendingDash && !result.isEmpty { result.append("-") }
                pendingDash = false
                result.unicodeScalars.append(scalar)
                if result.count >= limit { break }
            } else {
                pendingDash = true
            }
        }
        return result.isEmpty ? "x" : String(result.prefix(limit))
    }

    /// True for the characters SPDX allows in `SPDXRef-` and `LicenseRef-` identifiers.
    static func isIDCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9", ".", "-": true
        default: false
        }
    }

    /// A stable 64-bit FNV-1a hash of the UTF-8 bytes, as 16 lower-case hex digits.
    ///
    /// Used only to keep sanitised identifiers distinct; it is not a security boundary.
    static func hash(_ text: String) -> String {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            value ^= UInt64(byte)
            value = value &* 0x0000_0100_0000_01b3
        }
        let hex = String(value, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// True for a package URL the writers can pass on: `pkg:type/…`, printable ASCII without spaces.
    static func isPlausiblePURL(_ purl: String) -> Bool {
        guard purl.hasPrefix("pkg:"), purl.count <= fieldLimit else { return false }
        let body = purl.dropFirst(4)
        guard let slash = body.firstIndex(of: "/"), slash != body.startIndex, body.index(after: slash) != body.endIndex
        else { return false }
        return purl.unicodeScalars.allSatisfy { $0.value > 0x20 && $0.value < 0x7F }
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }
}

/// Hands out identifiers that are unique within one document, in a deterministic way.
struct SBOMIdentifiers {
    private var used: Set<String> = []

    /// Reserves `base` if free, otherwise `base-2`, `base-3`, … (`separator` joins the counter).
    mutating func claim(_ base: String, separator: String = "-") -> String {
        var candidate = base
        var counter = 1
        while used.contains(candidate) {
            counter += 1
            candidate = "\(base)\(separator)\(counter)"
        }
        used.insert(candidate)
        return candidate
    }
}
