import GatehouseCore
import Testing

@testable import GatehouseScan

/// The OSV evaluation algorithm on single ranges and entries.
@Suite struct RangeEvaluationTests {
    private func index(_ events: [OSVEvent], type: String = "SEMVER", versions: [String] = [], withdrawn: Bool = false)
        -> VulnIndex
    {
        var record = OSVRecord(
            id: "TEST-1", modified: "2024-01-01T00:00:00Z",
            affected: [
                OSVAffected(
                    package: OSVPackage(ecosystem: "npm", name: "pkg"), ranges: [OSVRange(type: type, events: events)],
                    versions: versions)
            ])
        if withdrawn { record.withdrawn = "2024-02-01T00:00:00Z" }
        return VulnIndex(records: [record])
    }

    /// The fixed version reported for `version`, or `"-"` when it is not affected.
    private func probe(_ index: VulnIndex, _ version: String) -> String? {
        let matches = index.matches(ecosystem: "npm", name: "pkg", version: version)
        guard let match = matches.first else { return "-" }
        return match.fixedVersion
    }

    @Test func introducedZeroAndFixed() {
        let index = index([.introduced("0"), .fixed("1.0.2")])
        #expect(probe(index, "0.0.1") == "1.0.2")
        #expect(probe(index, "1.0.1") == "1.0.2")
        #expect(probe(index, "1.0.2-rc.1") == "1.0.2")
        #expect(probe(index, "1.0.2") == "-")
        #expect(probe(index, "2.0.0") == "-")
    }

    @Test func multiplePairsInAnyOrder() {
        let index = index([.fixed("3.2.5"), .introduced("3.0.0"), .fixed("1.0.2"), .introduced("1.0.0")])
        #expect(probe(index, "0.9.0") == "-")
        #expect(probe(index, "1.0.0") == "1.0.2")
        #expect(probe(index, "1.0.2") == "-")
        #expect(probe(index, "2.9.9") == "-")
        #expect(probe(index, "3.0.0") == "3.2.5")
        #expect(probe(index, "3.2.4") == "3.2.5")
        #expect(probe(index, "3.2.5") == "-")
    }

    @Test func lastAffectedIsInclusive() {
        let index = index([.introduced("1.2.0"), .lastAffected("1.4.1")])
        #expect(probe(index, "1.1.9") == "-")
        #expect(probe(index, "1.2.0") == .some(nil))
        #expect(probe(index, "1.4.1") == .some(nil))
        #expect(probe(index, "1.4.2") == "-")
    }

    @Test func limitBoundsTheRange() {
        let index = index([.introduced("1.0.0"), .limit("2.0.0")])
        #expect(probe(index, "1.5.0") == .some(nil))
        #expect(probe(index, "2.0.0") == "-")
        #expect(probe(index, "3.0.0") == "-")
        let star = self.index([.introduced("1.0.0"), .limit("*")])
        #expect(probe(star, "9.0.0") == .some(nil))
    }

    @Test func fixedIsTheSmallestAbove() {
        let index = index([.introduced("0"), .fixed("2.0.0"), .fixed("1.5.0")])
        #expect(probe(index, "1.0.0") == "1.5.0")
        #expect(probe(index, "1.6.0") == "-")
    }

    @Test func sameVersionIntroducedAndFixedIsEmpty() {
        let index = index([.introduced("1.0.0"), .fixed("1.0.0")])
        #expect(probe(index, "1.0.0") == "-")
    }

    @Test func versionsListAndGitRanges() {
        let git = index([.introduced("abc123"), .fixed("def456")], type: "GIT", versions: ["1.0.0", "not-semver"])
        #expect(probe(git, "1.0.0") == .some(nil))
        #expect(probe(git, "not-semver") == .some(nil))
        #expect(probe(git, "1.0.1") == "-")
    }

    @Test func withdrawnNeverMatches() {
        let index = index([.introduced("0")], withdrawn: true)
        #expect(probe(index, "1.0.0") == "-")
        #expect(index.recordCount == 0)
    }

    @Test func unreadableRangesAreSkipped() {
        let index = index([.introduced("0"), .fixed("not a version")])
        #expect(index.skippedRanges == 1)
        #expect(probe(index, "1.0.0") == "-")
        let good = self.index([.introduced("0"), .fixed("2.0.0")])
        #expect(probe(good, "garbage") == "-")
    }
}
