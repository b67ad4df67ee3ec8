import GatehouseCore
import Testing

@testable import GatehouseScan

@Suite struct OSReleaseTests {
    @Test func readsDebian() {
        let text = """
            PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"
            NAME="Debian GNU/Linux"
            VERSION_ID="12"
            VERSION="12 (bookworm)"
            VERSION_CODENAME=bookworm
            ID=debian
            HOME_URL="https://www.debian.org/"
            """
        let distro = Catalogers.distro(osRelease: Fixture.bytes(text))
        #expect(
            distro
                == Distro(
                    id: "debian", versionID: "12", codename: "bookworm", prettyName: "Debian GNU/Linux 12 (bookworm)"))
    }

    @Test func readsAlpineWithSingleQuotesAndComments() {
        let text = "# comment\nNAME='Alpine Linux'\nID=alpine\nVERSION_ID=3.19.1\nPRETTY_NAME=\"Alpine Linux v3.19\"\n"
        let distro = Catalogers.distro(osRelease: Fixture.bytes(text))
        #expect(distro?.id == "alpine")
        #expect(distro?.versionID == "3.19.1")
        #expect(distro?.codename == nil)
        #expect(distro?.prettyName == "Alpine Linux v3.19")
    }

    @Test func shellEscapes() {
        #expect(OSRelease.unquote(#""a \"b\" \$c \\ \n""#) == #"a "b" $c \ \n"#)
        #expect(OSRelease.unquote("'x \\ y'") == "x \\ y")
        #expect(OSRelease.unquote("a\\ b") == "a b")
        #expect(OSRelease.unquote("\"open") == nil)
    }

    @Test func debianTestingHasNoVersion() {
        let distro = Catalogers.distro(osRelease: Fixture.bytes("ID=debian\nVERSION_CODENAME=trixie\n"))
        #expect(distro?.versionID == "")
        #expect(distro?.codename == "trixie")
    }

    @Test func refusesGarbage() {
        #expect(Catalogers.distro(osRelease: Fixture.bytes("NAME=x\n")) == nil)
        #expect(Catalogers.distro(osRelease: [0, 1, 2]) == nil)
        #expect(Catalogers.distro(osRelease: Array(repeating: 65, count: 1 << 20)) == nil)
    }
}
