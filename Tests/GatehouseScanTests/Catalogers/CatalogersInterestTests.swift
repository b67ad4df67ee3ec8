import GatehouseCore
import Testing

@testable import GatehouseScan

@Suite struct CatalogersInterestTests {
    @Test func textDatabasesByPath() {
        let cases: [(String, CatalogerKind)] = [
            ("etc/os-release", .osRelease), ("usr/lib/os-release", .osRelease), ("var/lib/dpkg/status", .dpkg),
            ("lib/apk/db/installed", .apk), ("opt/app/npm-shrinkwrap.json", .npmLockfile),
            ("usr/lib/python3.11/site-packages/requests-2.31.0.dist-info/METADATA", .python),
        ]
        for (path, kind) in cases {
            let interest = Catalogers.interest(path: path, mode: 0o644, size: 1000)
            #expect(interest?.cataloger == kind, "\(path)")
            #expect(interest?.maxBytes == kind.maxBytes)
        }
        #expect(Catalogers.interest(path: "var/lib/dpkg/status", mode: 0o644, size: 1)?.acceptsPrefix == false)
        #expect(Catalogers.interest(path: "var/lib/dpkg/status", mode: 0o040755, size: 1) == nil)
        #expect(Catalogers.interest(path: "var/lib/dpkg/status-old", mode: 0o644, size: 1) == nil)
        #expect(Catalogers.interest(path: "etc/passwd", mode: 0o644, size: 1) == nil)
        #expect(Catalogers.interest(path: "x.dist-info/RECORD", mode: 0o644, size: 1) == nil)
    }

    @Test func notesAreBounded() throws {
        let text = String(repeating: "Package: x\n\n", count: 50)
        let result = try Fixture.catalog(text, path: "var/lib/dpkg/status")
        #expect(result.notes.count == Notes.limit + 1)
        #expect(result.notes.last == "30 more entries skipped")
    }

    @Test func errorsEchoBoundedInput() {
        let path = String(repeating: "p", count: 500) + "/package-lock.json"
        let message = Fixture.error(Fixture.bytes("nope"), path: path)?.message ?? ""
        #expect(message.count < 100)
        #expect(message.hasSuffix("…': not valid JSON"))
    }
}
