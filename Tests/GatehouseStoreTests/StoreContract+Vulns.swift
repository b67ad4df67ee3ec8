import Foundation
import GatehouseCore
import Testing

@testable import GatehouseStore

extension StoreContract {
    static func vuln(_ id: String, _ ecosystem: String = "Debian", modified: String = "2026-01-01T00:00:00Z")
        -> VulnRecordRow
    {
        VulnRecordRow(id: id, ecosystem: ecosystem, modified: modified, document: #"{"id":"\#(id)"}"#)
    }

    /// Imports replace records by id, page in id order, and each import grows the generation.
    static func vulnImportsReplaceAndPage(_ store: any GatehouseStore) async throws {
        let empty = try await store.vulnStatus()
        #expect(empty.records == 0 && empty.generation == 0 && empty.lastSource == nil)
        let many = (0..<1_200).map { vuln(String(format: "DSA-%05d-1", $0)) } + [vuln("GHSA-x", "PyPI")]
        let first = try await store.importVulnRecords(many, source: "debian.zip", nowMicros: 10)
        #expect(first.records == 1_201 && first.generation == 1)
        #expect(first.ecosystems == ["Debian": 1_200, "PyPI": 1])
        #expect(first.lastSource == "debian.zip" && first.lastImportMicros == 10)

        let replaced = vuln("GHSA-x", "PyPI", modified: "2026-02-01T00:00:00Z")
        let second = try await store.importVulnRecords(
            [vuln("GHSA-x", "PyPI"), replaced], source: "pypi", nowMicros: 20)
        #expect(second.records == 1_201 && second.generation == 2 && second.lastSource == "pypi")
        #expect(try await store.vulnGeneration() == 2)

        var seen: [VulnRecordRow] = []
        var after = ""
        while true {
            let page = try await store.vulnRecords(after: after, limit: 500)
            guard let last = page.last else { break }
            seen += page
            after = last.id
        }
        #expect(seen.count == 1_201)
        #expect(seen.map(\.id) == seen.map(\.id).sorted())
        #expect(seen.last == replaced, "the last of duplicate ids in one import wins")
    }
}
