import Foundation

/// Recognises SPDX licence identifiers and expressions for the common cases, and maps the legacy
/// spellings Debian and package metadata use (`GPL-2+`, `Expat`, `BSD-3-clause`) to SPDX.
///
/// Recognition is deliberately conservative: an identifier outside ``identifiers`` makes the whole
/// string unrecognised, and the writers then record it as a `LicenseRef-` (SPDX) or a licence
/// name (CycloneDX) instead of guessing.
public enum SPDXLicense {
    /// The prefix of a licence reference that is not on the SPDX list.
    public static let licenseRefPrefix = "LicenseRef-"

    /// The longest licence string this helper parses, in characters.
    static let lengthLimit = 512

    /// The expression `text` denotes, normalised (canonical identifiers, upper-case operators),
    /// or nil if it is not one this helper recognises. `NONE`/`NOASSERTION` are not expressions.
    public static func normalized(_ text: String) -> String? {
        parse(text)?.description
    }

    /// True if `text` is a valid SPDX licence expression this helper recognises.
    public static func isValid(_ text: String) -> Bool {
        parse(text) != nil
    }

    /// True for the strings that say nothing about a licence (empty, `NONE`, `NOASSERTION`, `UNKNOWN`).
    static func isNoAssertion(_ text: String) -> Bool {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines).uppercased()
        return ["", "NONE", "NOASSERTION", "UNKNOWN"].contains(trimmed)
    }

    /// Parses `text`; nil if it is not a recognised expression.
    static func parse(_ text: String) -> SPDXLicenseExpression? {
        guard text.count <= lengthLimit else { return nil }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if let alias = aliases[trimmed.lowercased()], alias != trimmed {
            return parse(alias)
        }
        var parser = SPDXLicenseParser(tokens: SPDXLicenseParser.tokenize(trimmed))
        return parser.parseAll()
    }

    /// The canonical form of one identifier token (with its `+`, if any), or nil.
    static func identifier(_ token: String) -> String? {
        let lower = token.lowercased()
        if let alias = aliases[lower], !alias.contains(" ") { return alias }
        if let id = canonical[lower] { return id }
        if lower.hasPrefix(licenseRefPrefix.lowercased()) {
            let rest = token.dropFirst(licenseRefPrefix.count)
            guard !rest.isEmpty, rest.unicodeScalars.allSatisfy(SBOMText.isIDCharacter) else { return nil }
            return licenseRefPrefix + rest
        }
        if lower.hasSuffix("+"), let base = canonical[String(lower.dropLast())], base.hasSuffix("-only") {
            return base.dropLast("-only".count) + "-or-later"
        }
        return nil
    }
}
