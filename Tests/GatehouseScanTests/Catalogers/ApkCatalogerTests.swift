import GatehouseCore
import Testing

@testable import GatehouseScan

@Suite struct ApkCatalogerTests {
    /// Entries in the shape of Alpine 3.19's `lib/apk/db/installed`.
    static let installed = """
        C:Q1yq9ZbWFS8JbzmOkMk8OTq4Gmx0U=
        P:musl
        V:1.2.4_git20230717-r4
        A:x86_64
        S:407765
        I:663552
        T:the musl c library (libc) implementation
        U:https://musl.libc.org/
        L:MIT
        o:musl
        m:Timo Teräs <timo.teras@iki.fi>
        F:lib
        R:ld-musl-x86_64.so.1
        R:libc.musl-x86_64.so.1

        C:Q1pr9NMqd1KrJqz6e0Bbb5Yb8jD1w=
        P:libcrypto3
        V:3.1.4-r5
        A:x86_64
        L:Apache-2.0
        o:openssl
        F:usr/lib
        R:libcrypto.so.3

        P:busybox-binsh
        V:1.36.1-r15
        A:x86_64
        L:GPL-2.0-only
        o:busybox

        """

    @Test func readsEntries() throws {
        let alpine = Distro(id: "alpine", versionID: "3.19.1")
        let result = try Fixture.catalog(Self.installed, path: "lib/apk/db/installed", distro: alpine)
        #expect(result.notes.isEmpty)
        #expect(result.packages.map(\.name) == ["musl", "libcrypto3", "busybox-binsh"])
        let crypto = result.packages[1]
        #expect(crypto.version == "3.1.4-r5")
        #expect(crypto.architecture == "x86_64")
        #expect(crypto.licenses == ["Apache-2.0"])
        #expect(crypto.sourceName == "openssl")
        #expect(crypto.purl == "pkg:apk/alpine/libcrypto3@3.1.4-r5?arch=x86_64&distro=alpine-3.19.1")
        #expect(result.packages[0].sourceName == nil)
    }

    @Test func skipsIncompleteEntries() throws {
        let text = "P:nover\nA:x86_64\n\nP:ok\nV:1-r0\ngarbage line\n\n\n"
        let result = try Fixture.catalog(text, path: "lib/apk/db/installed")
        #expect(result.packages.map(\.purl) == ["pkg:apk/alpine/ok@1-r0"])
        #expect(result.notes.count == 2)
    }
}
