import GatehouseCore
import Testing

@testable import GatehouseScan

@Suite struct VulnIndexTests {
    private func index() throws -> VulnIndex {
        let sources = [OSVFixtures.debian, OSVFixtures.alpine, OSVFixtures.ghsa, OSVFixtures.go, OSVFixtures.npm]
        var records: [OSVRecord] = []
        for source in sources { records.append(try OSVRecord(json: Array(source.utf8))) }
        let generic = """
            {"id": "DEBIAN-CVE-2024-0001", "modified": "2024-01-01T00:00:00Z",
             "affected": [{"package": {"ecosystem": "Debian", "name": "glibc"},
               "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "2.36-9+deb12u4"}]}]},
              {"package": {"ecosystem": "Maven", "name": "glibc"}, "versions": ["1"]}]}
            """
        records.append(try OSVRecord(json: Array(generic.utf8)))
        return VulnIndex(records: records)
    }

    @Test func debianReleases() throws {
        let index = try index()
        let old = index.matches(ecosystem: "Debian:12", name: "glibc", version: "2.36-9+deb12u3")
        #expect(Set(old.map(\.id)) == ["DSA-5678-1", "DEBIAN-CVE-2024-0001"])
        #expect(old.first { $0.id == "DSA-5678-1" }?.fixedVersion == "2.36-9+deb12u7")
        #expect(old.first { $0.id == "DSA-5678-1" }?.severity == .unknown)
        let newer = index.matches(ecosystem: "Debian:12", name: "glibc", version: "2.36-9+deb12u4")
        #expect(newer.map(\.id) == ["DSA-5678-1"])
        #expect(
            index.matches(ecosystem: "Debian:11", name: "glibc", version: "2.31-13").map(\.id) == [
                "DEBIAN-CVE-2024-0001"
            ])
        #expect(index.matches(ecosystem: "Debian:12", name: "GLIBC", version: "2.36-9").isEmpty)
        #expect(index.skippedEntries == 1)
    }

    @Test func alpineReleases() throws {
        let index = try index()
        #expect(
            index.matches(ecosystem: "Alpine:v3.19", name: "openssl", version: "3.1.4-r0").first?.fixedVersion
                == "3.1.4-r1")
        #expect(index.matches(ecosystem: "Alpine:v3.19.1", name: "openssl", version: "3.1.4-r0").count == 1)
        #expect(index.matches(ecosystem: "Alpine:v3.18", name: "openssl", version: "3.1.4-r0").isEmpty)
        #expect(index.matches(ecosystem: "Alpine:v3.19", name: "openssl", version: "3.1.4-r1").isEmpty)
    }

    @Test func pypiNamesAndSeverity() throws {
        let index = try index()
        let matches = index.matches(ecosystem: "PyPI", name: "werkzeug", version: "3.0.0")
        #expect(matches.count == 1)
        let match = try #require(matches.first)
        #expect(match.id == "GHSA-jfhm-5ghh-2f97" && match.aliases == ["CVE-2023-46136"])
        #expect(match.severity == .high && match.score == 7.5 && match.fixedVersion == "3.0.1")
        #expect(index.matches(ecosystem: "PyPI", name: "WERKZEUG", version: "2.3.7").first?.fixedVersion == "2.3.8")
        #expect(index.matches(ecosystem: "PyPI", name: "werkzeug", version: "3.0.1").isEmpty)
        #expect(index.matches(ecosystem: "PyPI", name: "werkzeug", version: "2.3.8").isEmpty)
    }

    @Test func goModules() throws {
        let index = try index()
        #expect(
            index.matches(ecosystem: "Go", name: "golang.org/x/net", version: "v0.22.0").first?.fixedVersion == "0.23.0"
        )
        #expect(
            index.matches(ecosystem: "Go", name: "golang.org/x/net", version: "v0.0.0-20230101000000-abcdef123456")
                .count == 1)
        #expect(index.matches(ecosystem: "Go", name: "golang.org/x/net", version: "v0.23.0").isEmpty)
        #expect(index.matches(ecosystem: "Go", name: "example.com/mod", version: "v1.4.1").count == 1)
        #expect(index.matches(ecosystem: "Go", name: "example.com/mod", version: "v1.4.2").isEmpty)
    }

    @Test func npmAndUnknownEcosystems() throws {
        let index = try index()
        #expect(index.matches(ecosystem: "npm", name: "elliptic", version: "6.5.3").first?.severity == .medium)
        #expect(index.matches(ecosystem: "Maven", name: "glibc", version: "1").isEmpty)
        #expect(index.matches(ecosystem: "", name: "", version: "").isEmpty)
    }

    @Test func ecosystems() {
        #expect(OSVEcosystem("Debian:12")?.release == "12")
        #expect(OSVEcosystem("Ubuntu:Pro:22.04:LTS")?.release == "22.04")
        #expect(OSVEcosystem("Ubuntu:22.04")?.family.scheme == .dpkg)
        #expect(OSVEcosystem("Alpine:v3.19")?.release == "3.19")
        #expect(OSVEcosystem("PyPI")?.normalizedName("Foo__Bar.baz-Qux") == "foo-bar-baz-qux")
        #expect(OSVEcosystem("Maven") == nil)
    }
}
