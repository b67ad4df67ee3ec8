import GatehouseCore
import Testing

@testable import GatehouseScan

@Suite struct OSVRecordTests {
    private func record(_ json: String) throws -> OSVRecord { try OSVRecord(json: Array(json.utf8)) }

    @Test func debianRecord() throws {
        let record = try record(OSVFixtures.debian)
        #expect(record.id == "DSA-5678-1")
        #expect(record.aliases == ["CVE-2024-2961"])
        #expect(record.affected.count == 1)
        let affected = try #require(record.affected.first)
        #expect(
            affected.package
                == OSVPackage(ecosystem: "Debian:12", name: "glibc", purl: "pkg:deb/debian/glibc?arch=source"))
        #expect(affected.ranges == [OSVRange(type: "ECOSYSTEM", events: [.introduced("0"), .fixed("2.36-9+deb12u7")])])
        #expect(record.databaseSeverity == nil && affected.databaseSeverity == nil)
        #expect(VulnIndex.rating(record, affected).severity == .unknown)
    }

    @Test func alpineRecord() throws {
        let record = try record(OSVFixtures.alpine)
        #expect(record.details == "Generating excessively long X9.42 DH keys...")
        #expect(record.affected.first?.package.ecosystem == "Alpine:v3.19")
    }

    @Test func ghsaRecord() throws {
        let record = try record(OSVFixtures.ghsa)
        #expect(record.severity.count == 2)
        #expect(record.databaseSeverity == "HIGH")
        #expect(record.affected.first?.versions == ["2.3.7", "3.0.0"])
        let rating = try VulnIndex.rating(record, #require(record.affected.first))
        #expect(rating.severity == .high && rating.score == 7.5)
    }

    @Test func goRecord() throws {
        let record = try record(OSVFixtures.go)
        #expect(record.affected.count == 2)
        #expect(record.affected.last?.ranges.first?.events == [.introduced("1.2.0"), .lastAffected("1.4.1")])
    }

    @Test func textualSeverityWhenNoVector() throws {
        let record = try record(OSVFixtures.npm)
        #expect(record.affected.first?.ecosystemSeverity == nil)
        #expect(try VulnIndex.rating(record, #require(record.affected.first)).severity == .medium)
    }

    @Test func withdrawnIsRead() throws {
        let record = try record(
            #"{"id": "X-1", "modified": "2024-01-01T00:00:00Z", "withdrawn": "2024-02-01T00:00:00Z"}"#)
        #expect(record.isWithdrawn)
    }

    @Test(arguments: [
        ("", "not valid JSON"),
        ("[]", "wrong type"),
        ("{\"id\": 5, \"modified\": \"x\"}", "\"id\""),
        ("{\"modified\": \"x\"}", "\"id\" is missing"),
        ("{\"id\": \"\", \"modified\": \"x\"}", "id is empty"),
        ("{\"id\": \"A\", \"modified\": \"x\", \"affected\": [{\"ranges\": []}]}", "package is missing"),
        (
            "{\"id\": \"A\", \"modified\": \"x\", \"affected\": [{\"package\": {\"ecosystem\": \"npm\", \"name\": \"a\"}, \"ranges\": [{\"type\": \"SEMVER\", \"events\": [{}]}]}]}",
            "exactly one"
        ),
        (
            "{\"id\": \"A\", \"modified\": \"x\", \"affected\": [{\"package\": {\"ecosystem\": \"npm\", \"name\": \"a\"}, \"ranges\": [{\"type\": \"SEMVER\", \"events\": [{\"introduced\": \"0\", \"fixed\": \"1.0.0\"}]}]}]}",
            "exactly one"
        ),
        (
            "{\"id\": \"A\", \"modified\": \"x\", \"affected\": [{\"package\": {\"ecosystem\": \"npm\", \"name\": \"a\"}, \"ranges\": [{\"type\": \"SEMVER\", \"events\": []}]}]}",
            "no events"
        ),
        ("{\"id\": \"A\", \"modified\": \"x\", \"aliases\": \"CVE-1\"}", "\"aliases\" has the wrong type"),
        ("{\"id\": \"A\", \"modified\": \"x\"", "not valid JSON"),
    ])
    func malformedRecordsAreRefused(json: String, fragment: String) {
        do {
            _ = try record(json)
            Issue.record("accepted \(json)")
        } catch let error as GatehouseError {
            #expect(error.code == .vulnDataInvalid)
            #expect(error.message.contains(fragment), "\(error.message)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func limitsAreEnforced() throws {
        let huge = [UInt8](repeating: 0x20, count: OSVRecord.maxBytes + 1)
        #expect(throws: GatehouseError.self) { try OSVRecord(json: huge) }
        let longID = String(repeating: "A", count: 5_000)
        do {
            _ = try record("{\"id\": \"\(longID)\", \"modified\": \"x\"}")
            Issue.record("accepted a long id")
        } catch let error as GatehouseError {
            #expect(error.message.count < 150)
        }
        let nested = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: GatehouseError.self) { try record("{\"id\": \"A\", \"modified\": \"x\", \"x\": \(nested)}") }
        let details = String(repeating: "d", count: 100_000)
        let long = try record("{\"id\": \"A\", \"modified\": \"x\", \"details\": \"\(details)\"}")
        #expect(long.details?.count == 65_536)
    }
}
