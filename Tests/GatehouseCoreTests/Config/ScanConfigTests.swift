import GatehouseCore
import Testing

/// The `scan` section: background scans, VEX documents, policies enforced at pull.
@Suite struct ScanConfigTests {
    @Test func policiesAreReadWithTheirRequirements() throws {
        let config = try ConfigParser.parse(
            """
            version: 1
            scan:
              background: false
              vex: [/etc/gatehouse/vex.json]
              policies:
                - id: no-fixable-high
                  repositories: ["registry.corp.example/*"]
                  groups: [developers]
                  max_fixable: high
                  fixable_age_days: 14
                  denied_licenses: [AGPL-3.0-only]
                  non_root: true
                  attestations: [sbom]
                - {repositories: "docker.io/*", non_root: true}
                - {id: fresh-base, repositories: "*", base_images: ["docker.io/library/debian:*"], base_up_to_date: true}
            """, file: "g.yaml")
        let scan = config.scan
        #expect(!scan.background && scan.vex == ["/etc/gatehouse/vex.json"])
        let first = try #require(scan.policies.first)
        #expect(first.id == "no-fixable-high" && first.maxFixable == "high" && first.fixableAgeDays == 14)
        #expect(first.deniedLicenses == ["AGPL-3.0-only"] && first.nonRoot && first.attestations == ["sbom"])
        #expect(first.covers("registry.corp.example/team/app") && !first.covers("docker.io/library/x"))
        #expect(first.applies(toGroups: ["developers", "x"]) && !first.applies(toGroups: ["admins"]))
        #expect(scan.policies[1].id == "scan.policies[1]")
        #expect(scan.policies[1].applies(toGroups: []), "no groups: every puller")
        #expect(
            scan.policies.last?.baseImages == ["docker.io/library/debian:*"] && scan.policies.last?.baseUpToDate == true
        )
        #expect(ScanConfig().background, "background scans are on by default")
    }

    @Test(arguments: [
        "policies: [{repositories: [x], max_fixable: severe}]", "policies: [{repositories: [x]}]",
        "policies: [{max_fixable: high}]", "policies: [{repositories: [x], attestations: [vibes]}]",
        "policies: [{repositories: [x], non_root: true, fixable_age_days: -1}]", "vex: [relative.json]",
        "policies: [{repositories: [x], non_root: true, unknown: 1}]",
    ])
    func badSettingsAreRefused(line: String) {
        #expect(throws: ConfigError.self) {
            try ConfigParser.parse("version: 1\nscan:\n  \(line)\n", file: "g.yaml")
        }
    }
}
