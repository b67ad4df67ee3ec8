import GatehouseCore
import Testing

@testable import GatehouseScan

@Suite struct DebianCopyrightTests {
    /// The shape of Debian 12's `usr/share/doc/gzip/copyright`.
    static let gzip = """
        Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
        Upstream-Name: gzip
        Source: https://www.gnu.org/software/gzip/

        Files: *
        Copyright: 1992-2022 Free Software Foundation, Inc.
        License: GPL-3+

        Files: doc/*
        Copyright: 1998-2022 Free Software Foundation, Inc.
        License: GFDL-1.3+-no-invariant

        License: GPL-3+
         This program is free software: you can redistribute it and/or modify
         License: not-a-field
         .
         On Debian systems, the complete text of the GNU General Public License
         version 3 can be found in '/usr/share/common-licenses/GPL-3'.

        License: GFDL-1.3+-no-invariant
         Permission is granted to copy, distribute and/or modify this document.
        """

    @Test func extractsDistinctShortNames() throws {
        #expect(Catalogers.debianCopyrightLicenses(Fixture.bytes(Self.gzip)) == ["GPL-3+", "GFDL-1.3+-no-invariant"])
        #expect(Catalogers.debianCopyrightPackage(path: "usr/share/doc/gzip/copyright") == "gzip")
        #expect(
            Catalogers.interest(path: "usr/share/doc/gzip/copyright", mode: 0o644, size: 3000)?.cataloger
                == .debianCopyright)
        #expect(
            try Catalogers.packages(in: Fixture.bytes(Self.gzip), path: "usr/share/doc/gzip/copyright", distro: nil)
                .isEmpty)
    }

    @Test func ignoresFreeFormAndOtherPaths() {
        let legacy = "This package was debianized by someone.\nLicense: GPL\n"
        #expect(Catalogers.debianCopyrightLicenses(Fixture.bytes(legacy)).isEmpty)
        #expect(Catalogers.debianCopyrightLicenses([0xFF, 0x00]).isEmpty)
        #expect(Catalogers.debianCopyrightPackage(path: "usr/share/doc/gzip/changelog.gz") == nil)
        #expect(Catalogers.debianCopyrightPackage(path: "usr/share/doc/a/b/copyright") == nil)
    }
}
