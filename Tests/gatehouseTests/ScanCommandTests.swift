import Foundation
import Testing

/// `gatehouse vulndb` and `gatehouse image sbom|scan` on a local OCI layout, as a user runs them:
/// the debootstrap image (scripts/scan-image.sh), real Go OSV records from Debian's
/// golang-golang-x-vuln-dev, and a Debian advisory written for the test.
@Suite struct ScanCommandTests {
    static func layout() throws -> String {
        guard let layout = ProcessInfo.processInfo.environment["GATEHOUSE_TEST_SCAN_LAYOUT"] else {
            try Test.cancel(
                "the debootstrap image is not built (scripts/scan-image.sh build, via scripts/test-deps.sh)")
        }
        return layout
    }

    static let advisory = #"""
        {"id":"DEBIAN-TEST-BASH","modified":"2020-01-02T00:00:00Z","published":"2020-01-01T00:00:00Z",
         "aliases":["CVE-2020-99999"],"summary":"bash: a test flaw",
         "severity":[{"type":"CVSS_V3","score":"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N"}],
         "affected":[{"package":{"ecosystem":"Debian:12","name":"bash"},
           "ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"fixed":"99.0-1"}]}]}]}
        """#

    @Test func vulndbImportsAllOrNothingAndSaysWhatItHolds() throws {
        let data = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: data) }
        let empty = try CLI.run(["vulndb", "status", "--data-dir", data + "/store"])
        #expect(empty.status != 0)
        let records = data + "/osv"
        try FileManager.default.createDirectory(atPath: records, withIntermediateDirectories: true)
        try Self.advisory.write(toFile: records + "/DEBIAN-TEST-BASH.json", atomically: true, encoding: .utf8)
        let imported = try CLI.run(["vulndb", "import", records, "--data-dir", data + "/store"])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("imported 1 records"))

        // A broken record refuses the whole import, naming the file; the store keeps what it had.
        try #"{"id": 5}"#.write(toFile: records + "/broken.json", atomically: true, encoding: .utf8)
        let refused = try CLI.run(["vulndb", "import", records, "--data-dir", data + "/store"])
        #expect(refused.status != 0 && refused.stderr.contains("broken.json"), "\(refused.stderr)")
        let status = try CLI.run(["vulndb", "status", "--json", "--data-dir", data + "/store"])
        let json = try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any]
        #expect(json?["records"] as? Int == 1 && json?["generation"] as? Int == 1, "\(status.stdout)")
    }

    @Test func scanFindsTheAdvisoryAndFailOnExitsTwo() throws {
        let layout = try Self.layout()
        let data = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: data) }
        try FileManager.default.createDirectory(atPath: data + "/osv", withIntermediateDirectories: true)
        try Self.advisory.write(toFile: data + "/osv/a.json", atomically: true, encoding: .utf8)
        #expect(try CLI.run(["vulndb", "import", data + "/osv", "--data-dir", data + "/store"]).status == 0)

        let table = try CLI.run(["image", "scan", layout, "--data-dir", data + "/store"])
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.stdout.contains("DEBIAN-TEST-BASH") && table.stdout.contains("HIGH"), "\(table.stdout)")
        #expect(table.stdout.contains("99.0-1"))
        let failing = try CLI.run(["image", "scan", layout, "--fail-on", "high", "--data-dir", data + "/store"])
        #expect(failing.status == 2)
        let passing = try CLI.run(["image", "scan", layout, "--fail-on", "critical", "--data-dir", data + "/store"])
        #expect(passing.status == 0)

        let sarif = try CLI.run(["image", "scan", layout, "--format", "sarif", "--data-dir", data + "/store"])
        let document = try JSONSerialization.jsonObject(with: Data(sarif.stdout.utf8)) as? [String: Any]
        #expect(document?["version"] as? String == "2.1.0")

        // A VEX statement suppresses it, and the report says why; --fail-on then passes.
        try #"""
        {"@context":"https://openvex.dev/ns/v0.2.0","author":"Platform Security","statements":[
          {"vulnerability":{"name":"CVE-2020-99999"},"status":"not_affected","justification":"vulnerable_code_not_present"}]}
        """#.write(toFile: data + "/vex.json", atomically: true, encoding: .utf8)
        let suppressed = try CLI.run([
            "image", "scan", layout, "--vex", data + "/vex.json", "--fail-on", "high", "--data-dir", data + "/store",
        ])
        #expect(suppressed.status == 0, "\(suppressed.stdout)")
        #expect(suppressed.stdout.contains("vulnerable_code_not_present"))
    }

    @Test func sbomWritesBothFormats() throws {
        let layout = try Self.layout()
        let data = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: data) }
        let spdx = try CLI.run(["image", "sbom", layout, "-o", data + "/sbom.spdx.json"])
        #expect(spdx.status == 0, "\(spdx.stderr)")
        let document =
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: data + "/sbom.spdx.json")))
            as? [String: Any]
        #expect(document?["spdxVersion"] as? String == "SPDX-2.3")
        #expect((document?["documentNamespace"] as? String)?.isEmpty == false)
        let cyclonedx = try CLI.run(["image", "sbom", layout, "--format", "cyclonedx-json"])
        #expect(
            cyclonedx.stdout.contains("\"specVersion\" : \"1.6\"")
                || cyclonedx.stdout.contains("\"specVersion\":\"1.6\""))
        let missing = try CLI.run(["image", "sbom", data + "/nothing-here"])
        #expect(missing.status != 0 && missing.stderr.contains("not an OCI image layout"), "\(missing.stderr)")
    }
}
