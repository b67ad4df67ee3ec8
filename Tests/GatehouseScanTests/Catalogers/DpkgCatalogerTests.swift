import GatehouseCore
import Testing

@testable import GatehouseScan

@Suite struct DpkgCatalogerTests {
    /// Paragraphs copied from a Debian 12 `var/lib/dpkg/status`, plus removed and held packages.
    static let status = """
        Package: gzip
        Essential: yes
        Status: install ok installed
        Priority: required
        Architecture: amd64
        Version: 1.12-1
        Description: GNU compression utilities
         This package provides the standard GNU file compression utilities, which
         are also the default compression tools for Debian.

        Package: libgcc-s1
        Protected: yes
        Status: install ok installed
        Architecture: amd64
        Multi-Arch: same
        Source: gcc-12
        Version: 12.2.0-14+deb12u1
        Depends: gcc-12-base (= 12.2.0-14+deb12u1), libc6 (>= 2.35)
        Description: GCC support library

        Package: libssl3
        Status: install ok installed
        Architecture: amd64
        Source: openssl (3.0.19-1~deb12u1)
        Version: 3.0.19-1~deb12u2
        Description: Secure Sockets Layer toolkit - shared libraries
         .
         It provides the libssl and libcrypto shared libraries.

        Package: tzdata
        Status: hold ok installed
        Architecture: all
        Version: 2025b-0+deb12u2

        Package: old-config
        Status: deinstall ok config-files
        Architecture: amd64
        Version: 1.0-1

        Package: libc6
        Status: install ok installed
        Architecture: amd64
        Source: glibc (2.36-9+deb12u10)
        Version: 2.36-9+deb12u10

        """

    @Test func readsInstalledPackages() throws {
        let result = try Fixture.catalog(Self.status, path: "var/lib/dpkg/status", distro: Fixture.bookworm)
        #expect(result.notes.isEmpty)
        #expect(result.packages.map(\.name) == ["gzip", "libgcc-s1", "libssl3", "tzdata", "libc6"])
        let gcc = try #require(result.packages.first { $0.name == "libgcc-s1" })
        #expect(gcc.version == "12.2.0-14+deb12u1")
        #expect(gcc.architecture == "amd64")
        #expect(gcc.sourceName == "gcc-12")
        #expect(gcc.sourceVersion == nil)
        #expect(gcc.locations == ["var/lib/dpkg/status"])
        #expect(gcc.purl == "pkg:deb/debian/libgcc-s1@12.2.0-14%2Bdeb12u1?arch=amd64&distro=debian-12&upstream=gcc-12")
        let ssl = try #require(result.packages.first { $0.name == "libssl3" })
        #expect(ssl.sourceName == "openssl")
        #expect(ssl.sourceVersion == "3.0.19-1~deb12u1")
        #expect(ssl.purl.hasSuffix("&upstream=openssl%403.0.19-1~deb12u1"))
        let libc = try #require(result.packages.first { $0.name == "libc6" })
        #expect(libc.sourceName == "glibc")
        #expect(libc.sourceVersion == nil)
        let gzip = try #require(result.packages.first { $0.name == "gzip" })
        #expect(gzip.purl == "pkg:deb/debian/gzip@1.12-1?arch=amd64&distro=debian-12")
    }

    @Test func ubuntuVendorComesFromDistro() throws {
        let ubuntu = Distro(id: "ubuntu", versionID: "22.04", codename: "jammy")
        let text = "Package: gzip\nStatus: install ok installed\nArchitecture: amd64\nVersion: 1.10-4ubuntu4.1\n"
        let result = try Fixture.catalog(text, path: "var/lib/dpkg/status", distro: ubuntu)
        #expect(result.packages.first?.purl == "pkg:deb/ubuntu/gzip@1.10-4ubuntu4.1?arch=amd64&distro=ubuntu-22.04")
    }

    @Test func statusDFilesNeedNoStatus() throws {
        let text = "Package: base-files\nVersion: 12.4+deb12u5\nArchitecture: amd64\nMaintainer: x\n"
        let result = try Fixture.catalog(text, path: "var/lib/dpkg/status.d/base-files", distro: Fixture.bookworm)
        #expect(result.packages.map(\.name) == ["base-files"])
        #expect(
            Catalogers.interest(path: "var/lib/dpkg/status.d/base-files", mode: 0o644, size: 100)?.cataloger == .dpkg)
        #expect(Catalogers.interest(path: "var/lib/dpkg/status.d/base-files.md5sums", mode: 0o644, size: 100) == nil)
    }

    @Test func malformedParagraphsAreSkippedWithNotes() throws {
        let text = """
            Package: good
            Status: install ok installed
            Version: 1

            this line has no colon
            Package: broken

            Package: noversion
            Status: install ok installed

             continuation first
            Package: x

            Package: twice
            Package: twice
            Version: 1

            Package: nostatus
            Version: 1
            """
        let result = try Fixture.catalog(text, path: "var/lib/dpkg/status")
        #expect(result.packages.map(\.name) == ["good"])
        #expect(result.notes.count == 5)
        #expect(result.notes.contains { $0.contains("not a field: 'this line has no colon'") })
        #expect(result.notes.contains { $0.contains("repeated field 'package'") })
    }

    @Test func refusesBinaryAndOversizedFiles() {
        let binary = Fixture.error([0x50, 0, 0x3A], path: "var/lib/dpkg/status")
        #expect(binary?.code == .scanInputInvalid)
        #expect(binary?.message.contains("NUL") == true)
        let big = Fixture.error(Array(repeating: 0x41, count: (64 << 20) + 1), path: "var/lib/dpkg/status")
        #expect(big?.message.contains("exceeds the limit") == true)
    }

    @Test func sourceField() {
        #expect(DpkgCataloger.source("glibc (2.36-9)", name: "libc6", version: "2.36-9") == ("glibc", nil))
        #expect(DpkgCataloger.source("gzip (1.12-1)", name: "gzip", version: "1.12-1+b1") == (nil, "1.12-1"))
        #expect(DpkgCataloger.source(nil, name: "a", version: "1") == (nil, nil))
    }
}
