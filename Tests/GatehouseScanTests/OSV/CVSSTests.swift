import Testing

@testable import GatehouseScan

@Suite struct CVSSTests {
    @Test(arguments: [
        ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8),
        ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", 10.0),
        ("CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N", 5.5),
        ("CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:C/C:H/I:N/A:N", 6.8),
        ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H", 7.5),
        ("CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", 6.1),
        ("CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8),
        ("CVSS:3.1/AV:P/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N", 1.6),
        ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N", 0.0),
        ("CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H/E:P/RL:O", 9.9),
    ])
    func baseScores(vector: String, score: Double) {
        #expect(CVSS3.baseScore(vector) == score, "\(vector)")
    }

    @Test(arguments: [
        "", "CVSS:3.1", "CVSS:2.0/AV:N/AC:L/Au:N/C:P/I:P/A:P", "AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
        "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H", "CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
        "CVSS:3.1/AV:N/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/",
    ])
    func notVectors(vector: String) {
        #expect(CVSS3.baseScore(vector) == nil, "\(vector)")
    }

    @Test func ratings() {
        #expect(Severity(score: 9.8) == .critical && Severity(score: 9.0) == .critical)
        #expect(Severity(score: 8.9) == .high && Severity(score: 7.0) == .high)
        #expect(Severity(score: 6.9) == .medium && Severity(score: 4.0) == .medium)
        #expect(Severity(score: 3.9) == .low && Severity(score: 0.1) == .low && Severity(score: 0) == .none)
        #expect(
            Severity(text: "MODERATE") == .medium && Severity(text: "Critical") == .critical
                && Severity(text: "?") == nil)
        #expect(Severity.critical > .high && Severity.high > .medium && Severity.medium > .low)
        #expect(Severity.low > .unknown && Severity.unknown > Severity.none)
    }
}
