/// A parsed SPDX licence expression (SPDX 2.3 Annex D), normalised: canonical identifiers,
/// upper-case operators, nested `AND`/`OR` flattened.
indirect enum SPDXLicenseExpression: Hashable, Sendable, CustomStringConvertible {
    /// A licence identifier from the list, or a `LicenseRef-…`.
    case license(String)
    /// `license WITH exception`.
    case exception(license: String, exception: String)
    /// All of these (two or more).
    case all([SPDXLicenseExpression])
    /// Any one of these (two or more).
    case any([SPDXLicenseExpression])

    /// The expression as SPDX writes it, parenthesised only where `AND` would bind an `OR`.
    var description: String {
        switch self {
        case .license(let id): id
        case .exception(let license, let exception): "\(license) WITH \(exception)"
        case .all(let terms):
            terms.map { term in
                if case .any = term { "(\(term))" } else { term.description }
            }.joined(separator: " AND ")
        case .any(let terms): terms.map(\.description).joined(separator: " OR ")
        }
    }

    /// True when it is a single identifier from the SPDX licence list.
    var isListedIdentifier: Bool {
        if case .license(let id) = self { SPDXLicense.identifiers.contains(id) } else { false }
    }

    /// The `LicenseRef-…` identifiers it uses.
    var licenseRefs: Set<String> {
        switch self {
        case .license(let id): id.hasPrefix(SPDXLicense.licenseRefPrefix) ? [id] : []
        case .exception: []
        case .all(let terms), .any(let terms): terms.reduce(into: []) { $0.formUnion($1.licenseRefs) }
        }
    }

    /// The conjunction of `terms`, flattening nested conjunctions and dropping repeats.
    static func conjunction(_ terms: [SPDXLicenseExpression]) -> SPDXLicenseExpression {
        combine(terms, flatten: { if case .all(let inner) = $0 { inner } else { nil } }, make: { .all($0) })
    }

    /// The disjunction of `terms`, flattening nested disjunctions and dropping repeats.
    static func disjunction(_ terms: [SPDXLicenseExpression]) -> SPDXLicenseExpression {
        combine(terms, flatten: { if case .any(let inner) = $0 { inner } else { nil } }, make: { .any($0) })
    }

    private static func combine(
        _ terms: [SPDXLicenseExpression], flatten: (SPDXLicenseExpression) -> [SPDXLicenseExpression]?,
        make: ([SPDXLicenseExpression]) -> SPDXLicenseExpression
    ) -> SPDXLicenseExpression {
        var flat: [SPDXLicenseExpression] = []
        for term in terms.flatMap({ flatten($0) ?? [$0] }) where !flat.contains(term) {
            flat.append(term)
        }
        return flat.count == 1 ? flat[0] : make(flat)
    }
}
