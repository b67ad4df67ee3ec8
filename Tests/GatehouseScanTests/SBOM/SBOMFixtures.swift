@testable import GatehouseScan

extension SBOMTestSupport {
    /// A layer digest.
    static let layer = "sha256:" + String(repeating: "1f", count: 32)

    /// A realistic package set: Debian with source packages and architectures, Alpine, PyPI,
    /// scoped npm, Go with its stdlib, hostile strings and duplicates.
    static func packages() -> [Package] {
        debs() + others() + hostile() + duplicates()
    }

    /// A package with the fields the SBOM writers read.
    static func make(
        _ kind: PackageKind, _ name: String, _ version: String, _ purl: String, licenses: [String] = [],
        location: String, source: (String?, String?) = (nil, nil), arch: String? = nil
    ) -> Package {
        var package = Package(kind: kind, name: name, version: version, purl: purl)
        package.licenses = licenses
        package.locations = [location]
        package.layer = layer
        package.sourceName = source.0
        package.sourceVersion = source.1
        package.architecture = arch
        return package
    }

    static func debs() -> [Package] {
        let status = "/var/lib/dpkg/status"
        let q = "?arch=amd64&distro=debian-12"
        return [
            make(
                .deb, "libc6", "2.36-9+deb12u4", "pkg:deb/debian/libc6@2.36-9%2Bdeb12u4\(q)&upstream=glibc",
                licenses: ["GPL-2+", "LGPL-2.1+", "public-domain"], location: status, source: ("glibc", nil),
                arch: "amd64"),
            make(
                .deb, "libssl3", "3.0.11-1~deb12u2", "pkg:deb/debian/libssl3@3.0.11-1~deb12u2\(q)&upstream=openssl",
                licenses: ["Apache-2.0", "Artistic", "GPL-1+ or Artistic"], location: status, source: ("openssl", nil),
                arch: "amd64"),
            make(
                .deb, "bash", "5.2.15-2+b2", "pkg:deb/debian/bash@5.2.15-2%2Bb2\(q)&upstream=bash%405.2.15-2",
                licenses: ["GPL-3+", "BSD-4-clause-UC"], location: status, source: (nil, "5.2.15-2"), arch: "amd64"),
            make(
                .deb, "tzdata", "2024a-0+deb12u1", "pkg:deb/debian/tzdata@2024a-0%2Bdeb12u1?arch=all&distro=debian-12",
                licenses: ["public-domain"], location: status, arch: "all"),
            make(
                .deb, "libgcc-s1", "12.2.0-14", "pkg:deb/debian/libgcc-s1@12.2.0-14\(q)&upstream=gcc-12",
                licenses: ["GPL-3+ with GCC-exception-3.1"], location: status, source: ("gcc-12", nil), arch: "amd64"),
        ]
    }

    static func others() -> [Package] {
        let apkDB = "/lib/apk/db/installed"
        let site = "/usr/lib/python3/site-packages"
        return [
            make(
                .apk, "musl", "1.2.4-r2", "pkg:apk/alpine/musl@1.2.4-r2?arch=x86_64&distro=alpine-3.19.1",
                licenses: ["MIT"], location: apkDB, source: ("musl", nil), arch: "x86_64"),
            make(
                .apk, "busybox", "1.36.1-r15", "pkg:apk/alpine/busybox@1.36.1-r15?arch=x86_64",
                licenses: ["GPL-2.0-only"], location: apkDB, arch: "x86_64"),
            make(
                .apk, "libcrypto3", "3.1.4-r2", "pkg:apk/alpine/libcrypto3@3.1.4-r2?arch=x86_64",
                licenses: ["Apache-2.0 AND BSD-3-Clause"], location: apkDB, source: ("openssl", nil), arch: "x86_64"),
            make(
                .python, "requests", "2.31.0", "pkg:pypi/requests@2.31.0", licenses: ["Apache-2.0"],
                location: "\(site)/requests-2.31.0.dist-info/METADATA"),
            make(
                .python, "urllib3", "2.0.7", "pkg:pypi/urllib3@2.0.7", licenses: ["MIT License"],
                location: "\(site)/urllib3-2.0.7.dist-info/METADATA"),
            make(
                .python, "typing_extensions", "4.8.0", "pkg:pypi/typing-extensions@4.8.0",
                licenses: ["Python Software Foundation License"],
                location: "\(site)/typing_extensions-4.8.0.dist-info/METADATA"),
            make(
                .npm, "@babel/core", "7.23.0", "pkg:npm/%40babel/core@7.23.0", licenses: ["MIT"],
                location: "/app/node_modules/@babel/core/package.json"),
            make(
                .npm, "dual", "1.0.0", "pkg:npm/dual@1.0.0", licenses: ["(MIT OR Apache-2.0)"],
                location: "/app/package-lock.json"),
            make(
                .golang, "stdlib", "go1.21.5", "pkg:golang/stdlib@1.21.5", licenses: ["BSD-3-Clause"],
                location: "/app/server"),
            make(
                .golang, "github.com/sirupsen/logrus", "v1.9.3", "pkg:golang/github.com/sirupsen/logrus@v1.9.3",
                location: "/app/server"),
        ]
    }

    static func hostile() -> [Package] {
        let invalidUTF8 = String(decoding: [0x66, 0xFF, 0xFE, 0x6F], as: UTF8.self)
        return [
            make(
                .npm, "evil\"\u{0}\n<script>\\", "1.0\t\u{1B}[31m", "pkg:npm/evil pkg@1.0",
                licenses: ["GPL v2 \"or\" \u{7}later", "LicenseRef-custom", "(((MIT", "MIT AND", "NOASSERTION"],
                location: "/app/node_modules/evil/package.json"),
            make(
                .python, String(repeating: "long-", count: 2000), String(repeating: "9", count: 3000), "",
                licenses: [String(repeating: "L", count: 5000), "UNKNOWN", ""], location: "/x"),
            make(
                .deb, "名前-\u{1F600}", invalidUTF8, "pkg:deb/debian/%E5%90%8D@1", licenses: ["gpl-2+ OR mit", "Expat"],
                location: "/var/lib/dpkg/status.d/\u{85}weird"),
            make(.apk, "", "", "pkg:apk/alpine/@", licenses: ["MIT WITH Nonsense-exception"], location: "/"),
        ]
    }

    static func duplicates() -> [Package] {
        let lodash = make(
            .npm, "lodash", "4.17.21", "pkg:npm/lodash@4.17.21", licenses: ["MIT"],
            location: "/app/node_modules/lodash/package.json")
        var nested = lodash
        nested.locations = ["/app/node_modules/a/node_modules/lodash/package.json"]
        return [lodash, lodash, nested]
    }
}
