import Testing

@testable import GatehouseScan

@Suite("SPDX licence helper")
struct SPDXLicenseTests {
    @Test(
        "recognised expressions are normalised",
        arguments: [
            ("MIT", "MIT"), ("mit", "MIT"), ("Apache-2.0", "Apache-2.0"), ("BSD-3-clause", "BSD-3-Clause"),
            ("GPL-2", "GPL-2.0-only"), ("GPL-2+", "GPL-2.0-or-later"), ("GPL-2.0+", "GPL-2.0-or-later"),
            ("LGPL-2.1+", "LGPL-2.1-or-later"), ("GPL-3.0-only+", "GPL-3.0-or-later"), ("Expat", "MIT"),
            ("zlib", "Zlib"), ("GPL-2+ or Artistic", "GPL-2.0-or-later OR Artistic-1.0"),
            ("MIT AND (Apache-2.0 OR BSD-2-Clause)", "MIT AND (Apache-2.0 OR BSD-2-Clause)"),
            ("(MIT OR ISC) OR (Zlib)", "MIT OR ISC OR Zlib"), ("((MIT))", "MIT"),
            ("GPL-2.0-only WITH Classpath-exception-2.0", "GPL-2.0-only WITH Classpath-exception-2.0"),
            ("LicenseRef-foo.bar AND MIT", "LicenseRef-foo.bar AND MIT"), ("MIT License", "MIT"),
            ("GPL-2.0-with-classpath-exception", "GPL-2.0-only WITH Classpath-exception-2.0"),
        ])
    func recognised(_ input: String, _ expected: String) {
        #expect(SPDXLicense.normalized(input) == expected)
        #expect(SPDXLicense.isValid(input))
    }

    @Test(
        "anything else is not an expression",
        arguments: [
            "", "NOASSERTION", "NONE", "GPL", "BSD", "public-domain", "MIT AND", "AND MIT", "(MIT", "MIT)",
            "MIT WITH Nope", "LicenseRef-", "LicenseRef-a_b", "MPL-2.0+", "GPL-2+ with OpenSSL exception",
            "MIT, BSD-3-Clause", String(repeating: "(", count: 40) + "MIT" + String(repeating: ")", count: 40),
            "LicenseRef-x WITH Classpath-exception-2.0", "DocumentRef-a:LicenseRef-b",
        ])
    func unrecognised(_ input: String) {
        #expect(SPDXLicense.normalized(input) == nil)
    }

    @Test("unrecognised licences get identifier-safe, distinct LicenseRefs")
    func licenseRefs() {
        #expect(SBOMLicense.licenseRef(for: "public-domain") == "LicenseRef-public-domain")
        let spaced = SBOMLicense.licenseRef(for: "GPL v2")
        let slashed = SBOMLicense.licenseRef(for: "GPL/v2")
        #expect(spaced.hasPrefix("LicenseRef-GPL-v2-") && slashed.hasPrefix("LicenseRef-GPL-v2-"))
        #expect(spaced != slashed)
        #expect(SBOMLicense.licenseRef(for: "\"\u{0}").dropFirst(11).unicodeScalars.allSatisfy(SBOMText.isIDCharacter))
    }
}
