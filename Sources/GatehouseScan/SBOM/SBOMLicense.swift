import Foundation

/// One licence string a package declared, as both writers understand it.
enum SBOMLicense: Hashable {
    /// A recognised SPDX expression (possibly using the package's own `LicenseRef-`s).
    case spdx(SPDXLicenseExpression, original: String)
    /// Anything else, cleaned for output.
    case other(String)

    /// The licences of `package`, cleaned, without repeats or no-assertions, in a stable order.
    static func entries(of package: Package) -> [SBOMLicense] {
        var seen: Set<String> = []
        var entries: [SBOMLicense] = []
        for raw in package.licenses.sorted() where !SPDXLicense.isNoAssertion(raw) {
            let text = SBOMText.clean(raw.trimmingCharacters(in: .whitespacesAndNewlines))
            guard seen.insert(text).inserted else { continue }
            if let expression = SPDXLicense.parse(raw) {
                entries.append(.spdx(expression, original: text))
            } else {
                entries.append(.other(text))
            }
        }
        return entries
    }

    /// The `LicenseRef-` SPDX documents use for an unrecognised licence string: the string itself
    /// when it is already identifier-safe, otherwise a sanitised form plus a hash of the original.
    static func licenseRef(for text: String) -> String {
        let safe =
            !text.isEmpty && text.count <= SBOMText.idLimit
            && text.unicodeScalars.allSatisfy(SBOMText.isIDCharacter)
        let body = safe ? text : "\(SBOMText.idPart(text))-\(SBOMText.hash(text).prefix(8))"
        return SPDXLicense.licenseRefPrefix + body
    }
}
