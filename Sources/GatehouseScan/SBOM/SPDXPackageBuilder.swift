import Foundation

/// Builds the SPDX package objects of one document, handing out unique `SPDXRef-` identifiers and
/// collecting the `LicenseRef-`s the packages use.
struct SPDXPackageBuilder {
    /// `LicenseRef-…` → the licence text (as the package gave it) to declare in
    /// `hasExtractedLicensingInfos`.
    private(set) var extractedLicenses: [String: String] = [:]
    private var identifiers = SBOMIdentifiers()

    /// One package object and its `SPDXID`.
    typealias Entry = (id: String, package: [String: Any])

    /// The image itself: purpose `CONTAINER`, its manifest digest as a SHA256 checksum and an OCI purl.
    mutating func image(_ subject: SBOMSubject) -> Entry {
        let id = identifiers.claim("SPDXRef-Image-\(SBOMText.idPart(subject.name))")
        var package = base(id: id, name: subject.name, version: subject.digest)
        package["primaryPackagePurpose"] = "CONTAINER"
        if let hex = subject.sha256Hex {
            package["checksums"] = [["algorithm": "SHA256", "checksumValue": hex]]
            if let purl = OCIReference(subject.name)?.purl(sha256Hex: hex) {
                package["externalRefs"] = [Self.purlRef(purl)]
            }
        }
        return (id, package)
    }

    /// The distribution: purpose `OPERATING_SYSTEM`.
    mutating func operatingSystem(_ distro: Distro) -> Entry {
        let id = identifiers.claim("SPDXRef-OperatingSystem-\(SBOMText.idPart(distro.id))")
        var package = base(id: id, name: distro.id, version: distro.versionID)
        package["primaryPackagePurpose"] = "OPERATING_SYSTEM"
        if let pretty = distro.prettyName { package["description"] = SBOMText.clean(pretty) }
        return (id, package)
    }

    /// A package found in the image.
    mutating func package(_ found: Package) -> Entry {
        let base = "SPDXRef-Package-\(found.kind.rawValue)-\(SBOMText.idPart(found.name))"
        let id = identifiers.claim("\(base)-\(SBOMText.hash(found.purl).prefix(8))")
        var package = self.base(id: id, name: found.name, version: found.version)
        package["primaryPackagePurpose"] = "LIBRARY"
        package["licenseDeclared"] = declaredLicense(found)
        if SBOMText.isPlausiblePURL(found.purl) {
            package["externalRefs"] = [Self.purlRef(found.purl)]
        }
        if let info = Self.sourceInfo(found) { package["sourceInfo"] = info }
        return (id, package)
    }

    private func base(id: String, name: String, version: String) -> [String: Any] {
        var package: [String: Any] = [
            "SPDXID": id,
            "name": name.isEmpty ? "NOASSERTION" : SBOMText.clean(name),
            "downloadLocation": "NOASSERTION",
            "filesAnalyzed": false,
            "licenseConcluded": "NOASSERTION",
            "licenseDeclared": "NOASSERTION",
        ]
        if !version.isEmpty { package["versionInfo"] = SBOMText.clean(version) }
        return package
    }

    /// The `AND` of the package's licences: recognised expressions as they are, anything else as
    /// a `LicenseRef-`; `NOASSERTION` when it declares none.
    private mutating func declaredLicense(_ found: Package) -> String {
        var terms: [SPDXLicenseExpression] = []
        for entry in SBOMLicense.entries(of: found) {
            switch entry {
            case .spdx(let expression, let original):
                for ref in expression.licenseRefs.sorted() where extractedLicenses[ref] == nil {
                    extractedLicenses[ref] = original
                }
                terms.append(expression)
            case .other(let text):
                let ref = SBOMLicense.licenseRef(for: text)
                if extractedLicenses[ref] == nil { extractedLicenses[ref] = text }
                terms.append(.license(ref))
            }
        }
        return terms.isEmpty ? "NOASSERTION" : SPDXLicenseExpression.conjunction(terms).description
    }

    /// Where the package was found: its layer, paths and (Debian) source package.
    private static func sourceInfo(_ found: Package) -> String? {
        var parts: [String] = []
        if let layer = found.layer { parts.append("layer \(layer)") }
        if !found.locations.isEmpty { parts.append("found at \(found.locations.sorted().joined(separator: ", "))") }
        if let source = found.sourceName ?? found.sourceVersion.map({ _ in found.name }) {
            parts.append("source package \(source)" + (found.sourceVersion.map { " \($0)" } ?? ""))
        }
        if let architecture = found.architecture { parts.append("architecture \(architecture)") }
        return parts.isEmpty ? nil : SBOMText.clean(parts.joined(separator: "; "), limit: 4 * SBOMText.fieldLimit)
    }

    private static func purlRef(_ purl: String) -> [String: Any] {
        ["referenceCategory": "PACKAGE-MANAGER", "referenceType": "purl", "referenceLocator": purl]
    }
}
