import Foundation
import GatehouseCore
import GatehouseRegistry
import Testing

@testable import GatehouseScan

/// Matching by ecosystem and package (never CPE): real Go records from Debian's
/// golang-golang-x-vuln-dev test data, hand-written Debian, Alpine and PyPI records with known
/// answers, and VEX suppression.
@Suite struct VulnMatcherTests {
    static func package(
        _ kind: PackageKind, _ name: String, _ version: String, source: String? = nil, layer: String = "sha256:aa"
    ) -> Package {
        var package = Package(kind: kind, name: name, version: version, purl: "pkg:\(kind.rawValue)/\(name)@\(version)")
        package.sourceName = source
        package.layer = layer
        return package
    }

    static func result(_ packages: [Package], distro: Distro?) -> ScanResult {
        ScanResult(
            name: "test", digest: "sha256:" + String(repeating: "1", count: 64), distro: distro, packages: packages,
            config: ImageConfig(), layers: ["sha256:aa"], notes: [])
    }

    static func record(_ json: String) throws -> OSVRecord { try OSVRecord(json: Array(json.utf8)) }

    static let openssl = #"""
        {"id":"DSA-9999-1","modified":"2026-01-02T00:00:00Z","published":"2026-01-01T00:00:00Z",
         "aliases":["CVE-2026-0001"],"summary":"openssl: a test flaw",
         "affected":[{"package":{"ecosystem":"Debian:12","name":"openssl"},
           "ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"fixed":"3.0.13-1~deb12u1"}]}]}]}
        """#

    @Test func realGoRecordsMatchByModulePathAndSemVerRange() throws {
        let directory = "/usr/share/gocode/src/golang.org/x/vuln/client/testdata/vulndb"
        guard FileManager.default.fileExists(atPath: directory) else {
            try Test.cancel("golang-golang-x-vuln-dev is not installed (scripts/scan-deps.sh installs it)")
        }
        let records = try OSVSource.read(directory).map(\.record)
        #expect(records.contains { $0.id == "GO-2022-0569" })
        let matcher = VulnMatcher(records: records)
        let findings = matcher.findings(
            for: Self.result(
                [
                    Self.package(.golang, "github.com/beego/beego", "v1.12.10"),
                    Self.package(.golang, "github.com/beego/beego/v2", "v2.0.4"),
                ], distro: nil))
        let beego = findings.filter { $0.package == "github.com/beego/beego" }
        #expect(beego.contains { $0.id == "GO-2022-0569" && $0.fixedVersion == "1.12.11" })
        #expect(beego.first { $0.id == "GO-2022-0569" }?.aliases.contains("CVE-2022-31836") == true)
        #expect(
            !findings.contains { $0.package == "github.com/beego/beego/v2" && $0.id == "GO-2022-0569" },
            "v2.0.4 is the fixed version")
    }

    @Test func debianAdvisoriesNameTheSourcePackageAndTheRelease() throws {
        let matcher = VulnMatcher(records: [try Self.record(Self.openssl)])
        let libssl = Self.package(.deb, "libssl3", "3.0.11-1~deb12u2", source: "openssl")
        let bookworm = Distro(id: "debian", versionID: "12")
        let findings = matcher.findings(for: Self.result([libssl], distro: bookworm))
        #expect(findings.map(\.id) == ["DSA-9999-1"])
        #expect(findings.first?.fixedVersion == "3.0.13-1~deb12u1" && findings.first?.ecosystem == "Debian:12")
        #expect(findings.first?.layer == "sha256:aa")
        let fixed = Self.package(.deb, "libssl3", "3.0.13-1~deb12u1", source: "openssl")
        #expect(matcher.findings(for: Self.result([fixed], distro: bookworm)).isEmpty)
        let bullseye = Distro(id: "debian", versionID: "11")
        #expect(matcher.findings(for: Self.result([libssl], distro: bullseye)).isEmpty, "a Debian 12 advisory only")
        let sameNameElsewhere = Self.package(.python, "openssl", "3.0.0")
        #expect(
            matcher.findings(for: Self.result([sameNameElsewhere], distro: bookworm)).isEmpty, "never by name alone")
    }

    @Test func alpineAndPyPIRecordsMatchInTheirOwnEcosystems() throws {
        let alpine = try Self.record(
            #"""
            {"id":"ALPINE-TEST-1","modified":"2026-01-01T00:00:00Z",
             "affected":[{"package":{"ecosystem":"Alpine:v3.19","name":"openssl"},
               "ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"fixed":"3.1.4-r3"}]}]}]}
            """#)
        let pypi = try Self.record(
            #"""
            {"id":"GHSA-test-test-test","modified":"2026-01-01T00:00:00Z","aliases":["CVE-2026-0002"],
             "severity":[{"type":"CVSS_V3","score":"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}],
             "affected":[{"package":{"ecosystem":"PyPI","name":"PyYAML"},
               "ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"5.1"},{"fixed":"5.4"}]}]}]}
            """#)
        let matcher = VulnMatcher(records: [alpine, pypi])
        let findings = matcher.findings(
            for: Self.result(
                [
                    Self.package(.apk, "libcrypto3", "3.1.4-r1", source: "openssl"),
                    Self.package(.python, "pyyaml", "5.3.1"), Self.package(.python, "pyyaml", "6.0"),
                ], distro: Distro(id: "alpine", versionID: "3.19.1")))
        #expect(Set(findings.map(\.id)) == ["ALPINE-TEST-1", "GHSA-test-test-test"])
        let yaml = findings.first { $0.id == "GHSA-test-test-test" }
        #expect(yaml?.version == "5.3.1" && yaml?.severity == "critical" && yaml?.score == 9.8)
    }

    @Test func vexNotAffectedSuppressesWithItsReasonAndALaterStatementRestores() throws {
        let matcher = VulnMatcher(
            records: [try Self.record(Self.openssl)],
            vex: [
                try VEXDocument(
                    json: Data(
                        #"""
                        {"@context":"https://openvex.dev/ns/v0.2.0","author":"Security Team","statements":[
                          {"vulnerability":{"name":"CVE-2026-0001"},"products":[{"@id":"pkg:deb/libssl3@3.0.11-1~deb12u2?arch=amd64"}],
                           "status":"not_affected","justification":"vulnerable_code_not_in_execute_path"}]}
                        """#.utf8))
            ])
        let libssl = Self.package(.deb, "libssl3", "3.0.11-1~deb12u2", source: "openssl")
        let findings = matcher.findings(for: Self.result([libssl], distro: Distro(id: "debian", versionID: "12")))
        #expect(findings.count == 1)
        #expect(findings.first?.suppressed?.contains("vulnerable_code_not_in_execute_path") == true)
        #expect(findings.first?.suppressed?.contains("Security Team") == true)

        let restored = try VEXDocument(
            json: Data(
                #"""
                {"statements":[
                  {"vulnerability":"CVE-2026-0001","status":"not_affected","justification":"component_not_present"},
                  {"vulnerability":"DSA-9999-1","status":"affected"}]}
                """#.utf8))
        let finding = try #require(findings.first)
        var unsuppressed = finding
        unsuppressed.suppressed = nil
        #expect(restored.suppression(of: unsuppressed, imageDigest: "sha256:x") == nil)
        #expect(throws: GatehouseError.self) { try VEXDocument(json: Data(#"{"statements":[{}]}"#.utf8)) }
    }

    @Test func reportsCountSortAndRenderAsTableJSONAndSARIF() throws {
        let matcher = VulnMatcher(records: [try Self.record(Self.openssl)])
        let result = Self.result(
            [Self.package(.deb, "libssl3", "3.0.11-1~deb12u2", source: "openssl")],
            distro: Distro(id: "debian", versionID: "12"))
        let report = ScanReport(
            result: result, findings: matcher.findings(for: result), vulnGeneration: 3,
            vulnImported: "2026-11-29T00:00:00Z")
        #expect(report.packages == 1 && report.active.count == 1)
        #expect(report.fails(at: "unknown") && !report.fails(at: "critical"))
        let table = report.table()
        #expect(table.contains("DSA-9999-1") && table.contains("3.0.13-1~deb12u1") && table.contains("generation 3"))
        let sarif = try JSONSerialization.jsonObject(with: try report.sarif(toolVersion: "test")) as? [String: Any]
        #expect(sarif?["version"] as? String == "2.1.0")
        let run = (sarif?["runs"] as? [[String: Any]])?.first
        #expect((run?["results"] as? [Any])?.count == 1)
        let decoded = try JSONDecoder().decode(ScanReport.self, from: try report.json())
        #expect(decoded == report)
    }
}
