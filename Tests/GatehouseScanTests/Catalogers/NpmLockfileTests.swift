import GatehouseCore
import Testing

@testable import GatehouseScan

@Suite struct NpmLockfileTests {
    static let v3 = """
        {
          "name": "web", "version": "1.0.0", "lockfileVersion": 3, "requires": true,
          "packages": {
            "": {"name": "web", "version": "1.0.0", "dependencies": {"express": "^4.18.2"}},
            "node_modules/express": {"version": "4.18.2", "resolved": "https://registry.npmjs.org/express/-/express-4.18.2.tgz", "license": "MIT"},
            "node_modules/@types/node": {"version": "20.11.5", "dev": true, "license": "MIT"},
            "node_modules/express/node_modules/debug": {"version": "2.6.9", "license": "MIT"},
            "node_modules/debug": {"version": "2.6.9", "license": "MIT"},
            "node_modules/str-alias": {"name": "string-width", "version": "4.2.3"},
            "node_modules/local-lib": {"resolved": "packages/local-lib", "link": true},
            "packages/local-lib": {"name": "local-lib", "version": "0.0.1"},
            "node_modules/broken": {"resolved": "x"}
          }
        }
        """

    @Test func readsVersion3() throws {
        let result = try Fixture.catalog(Self.v3, path: "srv/app/package-lock.json")
        let purls = result.packages.map(\.purl)
        #expect(
            purls == [
                "pkg:npm/%40types/node@20.11.5", "pkg:npm/debug@2.6.9", "pkg:npm/express@4.18.2",
                "pkg:npm/string-width@4.2.3",
            ])
        #expect(result.packages.first { $0.name == "express" }?.licenses == ["MIT"])
        #expect(result.notes == ["'node_modules/broken' skipped: no version"])
    }

    static let v1 = """
        {
          "name": "legacy", "version": "1.0.0", "lockfileVersion": 1,
          "dependencies": {
            "ms": {"version": "2.1.3", "integrity": "sha512-x"},
            "debug": {"version": "4.3.4", "requires": {"ms": "2.1.2"},
              "dependencies": {"ms": {"version": "2.1.2"}, "ms2": {"version": "npm:ms@2.0.0"}}},
            "@scope/pkg": {"version": "1.2.3", "dependencies": {"inner": {"version": "0.1.0",
              "dependencies": {"ms": {"version": "2.1.3"}}}}},
            "mine": {"version": "file:../mine"}
          }
        }
        """

    @Test func readsVersion1WithoutDuplicates() throws {
        let result = try Fixture.catalog(Self.v1, path: "package-lock.json")
        #expect(
            Set(result.packages.map(\.purl)) == [
                "pkg:npm/ms@2.1.3", "pkg:npm/debug@4.3.4", "pkg:npm/ms@2.1.2", "pkg:npm/ms@2.0.0",
                "pkg:npm/%40scope/pkg@1.2.3", "pkg:npm/inner@0.1.0",
            ])
        #expect(result.packages.count == 6)
    }

    @Test func deepNestingIsBoundedWithoutRecursion() throws {
        var json = #"{"version": "1.0.0"}"#
        for depth in 0..<200 {
            json = #"{"version": "1.0.\#(depth)", "dependencies": {"d\#(depth)": \#(json)}}"#
        }
        let text = #"{"lockfileVersion": 1, "dependencies": {"top": \#(json)}}"#
        let result = try Fixture.catalog(text, path: "package-lock.json")
        #expect(result.packages.count == NpmLockfileCataloger.maxDepth)
        #expect(result.notes.count == 1)
    }

    @Test func refusesWrongShapes() {
        #expect(Fixture.error(Fixture.bytes("{}"), path: "package-lock.json")?.code == .scanInputInvalid)
        #expect(Fixture.error(Fixture.bytes("\"x\""), path: "package-lock.json") != nil)
        #expect(Catalogers.interest(path: "a/node_modules/b/package-lock.json", mode: 0o644, size: 10) == nil)
        #expect(Catalogers.interest(path: "app/package-lock.json", mode: 0o644, size: 10)?.maxBytes == 64 << 20)
    }
}
