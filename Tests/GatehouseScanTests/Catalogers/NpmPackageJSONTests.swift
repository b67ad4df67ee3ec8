import Foundation
import GatehouseCore
import Testing

@testable import GatehouseScan

@Suite struct NpmPackageJSONTests {
    @Test func readsLicenseForms() throws {
        let path = "usr/lib/node_modules/npm/node_modules/@npmcli/arborist/package.json"
        #expect(Catalogers.interest(path: path, mode: 0o644, size: 4000)?.cataloger == .npmPackage)
        let string = #"{"name": "@npmcli/arborist", "version": "7.5.4", "license": "ISC", "main": "lib/index.js"}"#
        let package = try #require(try Fixture.catalog(string, path: path).packages.first)
        #expect(package.purl == "pkg:npm/%40npmcli/arborist@7.5.4")
        #expect(package.licenses == ["ISC"])
        let object = #"{"name": "x", "version": "1.0.0", "license": {"type": "MIT", "url": "http://x"}}"#
        #expect(try Fixture.catalog(object, path: "node_modules/x/package.json").packages.first?.licenses == ["MIT"])
        let legacy = #"{"name": "y", "version": "0.1.0", "licenses": [{"type": "MIT"}, "Apache-2.0", {"type": "MIT"}]}"#
        #expect(
            try Fixture.catalog(legacy, path: "node_modules/y/package.json").packages.first?.licenses == [
                "MIT", "Apache-2.0",
            ])
    }

    @Test func refusesBadManifests() {
        let path = "node_modules/x/package.json"
        #expect(Fixture.error(Fixture.bytes("{not json"), path: path)?.message == "'\(path)': not valid JSON")
        #expect(Fixture.error(Fixture.bytes("[1]"), path: path)?.message == "'\(path)': not a JSON object")
        #expect(Fixture.error(Fixture.bytes(#"{"name": "x"}"#), path: path)?.code == .scanInputInvalid)
        #expect(Fixture.error(Fixture.bytes(#"{"name": "a b", "version": "1"}"#), path: path) != nil)
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(Fixture.error(Fixture.bytes(deep), path: path) != nil)
    }

    @Test func interestOnlyForInstalledPackageManifests() {
        #expect(Catalogers.interest(path: "app/node_modules/@s/n/package.json", mode: 0o644, size: 10) != nil)
        #expect(Catalogers.interest(path: "app/node_modules/n/lib/package.json", mode: 0o644, size: 10) == nil)
        #expect(Catalogers.interest(path: "app/package.json", mode: 0o644, size: 10) == nil)
        #expect(Catalogers.interest(path: "app/node_modules/.bin/package.json", mode: 0o644, size: 10) == nil)
    }

    /// Every installed package under this machine's global npm, if there is one.
    @Test func readsThisMachinesNpm() throws {
        let root = "/usr/lib/node_modules/npm"
        guard let data = FileManager.default.contents(atPath: root + "/package.json") else {
            try Test.cancel("no npm installed under /usr/lib/node_modules on this machine")
        }
        let npm = try Catalogers.packages(in: Array(data), path: "usr/lib/node_modules/npm/package.json", distro: nil)
        #expect(npm.first?.name == "npm")
        #expect(npm.first?.licenses == ["Artistic-2.0"])
        var count = 0
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root + "/node_modules")) ?? []
        for name in names where !name.hasPrefix(".") && !name.hasPrefix("@") {
            guard let manifest = FileManager.default.contents(atPath: "\(root)/node_modules/\(name)/package.json")
            else { continue }
            let path = "usr/lib/node_modules/npm/node_modules/\(name)/package.json"
            let packages = try Catalogers.packages(in: Array(manifest), path: path, distro: nil)
            // Directory names may be aliases (`wrap-ansi-cjs` holds `wrap-ansi`): one package each, named.
            #expect(packages.count == 1)
            #expect(packages.first?.name.isEmpty == false)
            count += 1
        }
        #expect(count > 10)
    }
}
