import Foundation
import GatehouseCore
import Testing

@testable import GatehouseScan

@Suite("SPDX writer")
struct SPDXWriterTests {
    @Test("the realistic package set validates with spdx-tools")
    func realisticSetValidates() throws {
        let data = try SPDXWriter().write(SBOMTestSupport.subject())
        let verdict = try SBOMTestSupport.validate(data, format: "spdx-json")
        #expect(verdict.status == 0, "\(verdict.stderr)")
    }

    @Test("an image without packages or distro validates")
    func emptySetValidates() throws {
        let data = try SPDXWriter().write(SBOMTestSupport.subject([], distro: nil))
        let verdict = try SBOMTestSupport.validate(data, format: "spdx-json")
        #expect(verdict.status == 0, "\(verdict.stderr)")
        let document = try SBOMTestSupport.object(data)
        #expect((document["packages"] as? [Any])?.count == 1)
    }

    @Test("the document describes the image, which contains every package")
    func structure() throws {
        let document = try SBOMTestSupport.object(try SPDXWriter().write(SBOMTestSupport.subject()))
        #expect(document["spdxVersion"] as? String == "SPDX-2.3")
        #expect(document["dataLicense"] as? String == "CC0-1.0")
        let creation = try #require(document["creationInfo"] as? [String: Any])
        #expect(creation["created"] as? String == "2024-05-01T12:34:56Z")
        #expect(creation["creators"] as? [String] == ["Tool: gatehouse-0.9.0"])
        let packages = try #require(document["packages"] as? [[String: Any]])
        let image = packages[0]
        #expect(image["primaryPackagePurpose"] as? String == "CONTAINER")
        let checksums = try #require(image["checksums"] as? [[String: String]])
        #expect(checksums == [["algorithm": "SHA256", "checksumValue": String(repeating: "ab", count: 32)]])
        let imageID = try #require(image["SPDXID"] as? String)
        let relationships = try #require(document["relationships"] as? [[String: String]])
        #expect(
            relationships.first == [
                "spdxElementId": "SPDXRef-DOCUMENT", "relationshipType": "DESCRIBES",
                "relatedSpdxElement": imageID,
            ])
        let contained = Set(
            relationships.filter { $0["relationshipType"] == "CONTAINS" }.compactMap {
                $0["relatedSpdxElement"]
            })
        let others = Set(packages.dropFirst().compactMap { $0["SPDXID"] as? String })
        #expect(contained == others)
        // 5 deb + 10 others + 4 hostile + 2 lodash (one exact duplicate dropped) + the OS.
        #expect(others.count == 22)
        for package in packages {
            let id = try #require(package["SPDXID"] as? String)
            #expect(id.hasPrefix("SPDXRef-") && id.dropFirst(8).unicodeScalars.allSatisfy(SBOMText.isIDCharacter))
        }
    }

    @Test("licences become valid expressions, with LicenseRefs declared")
    func licenses() throws {
        let document = try SBOMTestSupport.object(try SPDXWriter().write(SBOMTestSupport.subject()))
        let packages = try #require(document["packages"] as? [[String: Any]])
        func declared(_ name: String) -> String? {
            packages.first { $0["name"] as? String == name }?["licenseDeclared"] as? String
        }
        #expect(declared("libssl3") == "Apache-2.0 AND Artistic-1.0 AND (GPL-1.0-or-later OR Artistic-1.0)")
        #expect(declared("libgcc-s1") == "GPL-3.0-or-later WITH GCC-exception-3.1")
        #expect(declared("dual") == "MIT OR Apache-2.0")
        #expect(declared("github.com/sirupsen/logrus") == "NOASSERTION")
        let libc = try #require(declared("libc6"))
        #expect(libc == "GPL-2.0-or-later AND LGPL-2.1-or-later AND LicenseRef-public-domain")
        let extracted = try #require(document["hasExtractedLicensingInfos"] as? [[String: String]])
        let ids = extracted.compactMap { $0["licenseId"] }
        #expect(ids.contains("LicenseRef-public-domain"))
        #expect(ids.contains("LicenseRef-custom"))
        #expect(ids == ids.sorted())
    }

    @Test("documentNamespace is present and unique per document")
    func namespaceUnique() throws {
        let writer = SPDXWriter()
        let subject = SBOMTestSupport.subject()
        let first = try SBOMTestSupport.object(try writer.write(subject))["documentNamespace"] as? String
        let second = try SBOMTestSupport.object(try writer.write(subject))["documentNamespace"] as? String
        let namespace = try #require(first)
        #expect(namespace.hasPrefix("https://gatehouse.dev/spdx/docker.io-library-debian-12-"))
        #expect(!namespace.contains("#"))
        #expect(first != second)
    }

    @Test("the same input gives the same bytes, apart from documentNamespace")
    func deterministic() throws {
        let writer = SPDXWriter()
        let id = UUID()
        let packages = SBOMTestSupport.packages()
        let one = try writer.write(SBOMTestSupport.subject(packages), documentID: id)
        let two = try writer.write(SBOMTestSupport.subject(packages.reversed()), documentID: id)
        #expect(one == two)
        let other = try writer.write(SBOMTestSupport.subject(packages))
        #expect(one != other)
        let keys: Set<String> = ["documentNamespace"]
        #expect(try SBOMTestSupport.without(keys, in: one) == SBOMTestSupport.without(keys, in: other))
    }
}
