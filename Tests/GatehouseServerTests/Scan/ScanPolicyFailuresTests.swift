import Foundation
import GatehouseCore
import GatehouseRegistry
import GatehouseScan
import Testing

@testable import GatehouseServer

/// What each requirement of a scan policy finds wrong with a scanned image.
@Suite struct ScanPolicyFailuresTests {
    static let now = 1_800_000_000.0  // 2027-01-15

    static func finding(_ id: String, _ severity: String, fixed: String?, published: String?) -> Finding {
        Finding(
            id: id, aliases: [], severity: severity, score: nil, summary: "", package: "openssl", version: "1",
            purl: "pkg:deb/debian/openssl@1", ecosystem: "Debian:12", fixedVersion: fixed, layer: nil,
            published: published)
    }

    static func result(user: String, licenses: [String]) -> ScanResult {
        var package = Package(kind: .deb, name: "tool", version: "1", purl: "pkg:deb/debian/tool@1")
        package.licenses = licenses
        var config = ImageConfig()
        config.user = user
        return ScanResult(
            name: "image", digest: "sha256:" + String(repeating: "1", count: 64), distro: nil, packages: [package],
            config: config, layers: [], notes: [])
    }

    static func report(_ findings: [Finding], _ result: ScanResult) -> ScanReport {
        ScanReport(result: result, findings: findings, vulnGeneration: 1, vulnImported: nil)
    }

    @Test func fixableFindingsCountAtTheThresholdAndAfterTheAge() {
        var policy = ScanPolicy(id: "p", repositories: ["*"])
        policy.maxFixable = "high"
        policy.fixableAgeDays = 30
        let result = Self.result(user: "app", licenses: [])
        let old = Self.finding("OLD", "critical", fixed: "2", published: "2026-01-01T00:00:00Z")
        let recent = Self.finding("NEW", "high", fixed: "2", published: "2027-01-10T00:00:00Z")
        let unfixed = Self.finding("NOFIX", "critical", fixed: nil, published: "2020-01-01T00:00:00Z")
        let medium = Self.finding("MED", "medium", fixed: "2", published: "2020-01-01T00:00:00Z")
        var suppressed = Self.finding("VEX", "critical", fixed: "2", published: "2020-01-01T00:00:00Z")
        suppressed.suppressed = "VEX by team: not_affected"
        let failures = ScanPolicyGate.failures(
            of: policy, result: result, report: Self.report([old, recent, unfixed, medium, suppressed], result),
            nowSeconds: Self.now)
        #expect(failures.count == 1)
        #expect(failures.first?.contains("OLD") == true)
        #expect(failures.first.map { !$0.contains("NEW") && !$0.contains("NOFIX") && !$0.contains("VEX") } == true)
        policy.fixableAgeDays = 0
        let anyAge = ScanPolicyGate.failures(
            of: policy, result: result, report: Self.report([recent], result), nowSeconds: Self.now)
        #expect(anyAge.first?.contains("NEW") == true)
    }

    @Test func deniedLicencesMatchInsideExpressionsCaseInsensitively() {
        var policy = ScanPolicy(id: "p", repositories: ["*"])
        policy.deniedLicenses = ["AGPL-3.0-only"]
        for (licenses, fails) in [
            (["MIT OR agpl-3.0-only"], true), (["(Apache-2.0 AND AGPL-3.0-only)"], true),
            (["AGPL-3.0-or-later"], false),
            (["MIT"], false), ([], false),
        ] {
            let result = Self.result(user: "app", licenses: licenses)
            let failures = ScanPolicyGate.failures(
                of: policy, result: result, report: Self.report([], result), nowSeconds: Self.now)
            #expect(!failures.isEmpty == fails, "\(licenses)")
        }
    }

    @Test(arguments: [("", false), ("root", false), ("0", false), ("0:0", false), ("65534", true), ("app:app", true)])
    func nonRootMeansANamedOrNonZeroUser(user: String, passes: Bool) {
        var policy = ScanPolicy(id: "p", repositories: ["*"])
        policy.nonRoot = true
        let result = Self.result(user: user, licenses: [])
        let failures = ScanPolicyGate.failures(
            of: policy, result: result, report: Self.report([], result), nowSeconds: Self.now)
        #expect(failures.isEmpty == passes, "\(user)")
    }
}
