import GatehouseCore
import Testing

@testable import GatehouseScan

@Suite struct PackageURLTests {
    @Test func typeIsLowerCasedAndQualifiersSorted() {
        let purl = PackageURL(
            type: "DEB", namespace: ["debian"], name: "curl", version: "7.50.3-1",
            qualifiers: ["distro": "jessie", "arch": "i386", "empty": ""])
        #expect(purl.description == "pkg:deb/debian/curl@7.50.3-1?arch=i386&distro=jessie")
    }

    @Test func componentsArePercentEncoded() {
        let purl = PackageURL(
            type: "generic", namespace: ["a b", "", "c/d"], name: "n@me", version: "1.0+b1",
            qualifiers: ["Key": "x&y=z"], subpath: "./lib/../x y/")
        #expect(purl.description == "pkg:generic/a%20b/c%2Fd/n%40me@1.0%2Bb1?key=x%26y%3Dz#lib/x%20y")
    }

    @Test func colonAndUnreservedStayLiteral() {
        #expect(PackageURL.percentEncoded("1:2.4.47-2~rc1_x.y") == "1:2.4.47-2~rc1_x.y")
        #expect(PackageURL.percentEncoded("é") == "%C3%A9")
    }

    @Test func debUsesDistroAndUpstream() {
        let purl = PackageURL.deb(
            name: "LibSSL3", version: "3.0.19-1~deb12u2", architecture: "amd64", distro: Fixture.bookworm,
            upstream: "openssl")
        #expect(
            purl.description == "pkg:deb/debian/libssl3@3.0.19-1~deb12u2?arch=amd64&distro=debian-12&upstream=openssl")
        let testing = Distro(id: "debian", versionID: "", codename: "trixie")
        #expect(
            PackageURL.deb(name: "a", version: "1", architecture: nil, distro: testing).description
                == "pkg:deb/debian/a@1?distro=debian-trixie")
        #expect(
            PackageURL.deb(name: "a", version: "1", architecture: nil, distro: nil).description == "pkg:deb/debian/a@1")
    }

    @Test func npmScopeGoesToNamespace() {
        #expect(PackageURL.npm(name: "@babel/core", version: "7.24.0").description == "pkg:npm/%40babel/core@7.24.0")
        #expect(PackageURL.npm(name: "lodash", version: "4.17.21").description == "pkg:npm/lodash@4.17.21")
    }

    @Test func pypiNamesFollowPEP503() {
        #expect(PackageURL.pep503("Foo__Bar.-baz") == "foo-bar-baz")
        #expect(PackageURL.pypi(name: "PyYAML", version: "6.0").description == "pkg:pypi/pyyaml@6.0")
    }

    @Test func golangSplitsModulePath() {
        let purl = PackageURL.golang(modulePath: "github.com/Masterminds/semver/v3", version: "v3.2.1+incompatible")
        #expect(purl.description == "pkg:golang/github.com/Masterminds/semver/v3@v3.2.1%2Bincompatible")
        #expect(PackageURL.golang(modulePath: "stdlib", version: "1.21.5").description == "pkg:golang/stdlib@1.21.5")
    }
}
