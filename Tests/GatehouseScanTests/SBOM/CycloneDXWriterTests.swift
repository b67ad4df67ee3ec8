import Foundation
import GatehouseCore
import Testing

@testable import GatehouseScan

@Suite("CycloneDX writer")
struct CycloneDXWriterTests {
    @Test("the realistic package set validates against the CycloneDX 1.6 schema")
    func realisticSetValidates() throws {
        let data = try CycloneDXWriter().write(SBOMTestSupport.subject())
        let verdict = try SBOMTestSupport.validate(data, format: "cyclonedx-json")
        #expect(verdict.status == 0, "\(verdict.stderr)")
    }

    @Test("an image without packages or distro validates")
    func emptySetValidates() throws {
        let data = try CycloneDXWriter().write(SBOMTestSupport.subject([], distro: nil))
        let verdict = try SBOMTestSupport.validate(data, format: "cyclonedx-json")
        #expect(verdict.status == 0, "\(verdict.stderr)")
    }

    @Test("metadata names the image and the tool; the image depends on every component")
    func structure() throws {
        let document = try SBOMTestSupport.object(try CycloneDXWriter().write(SBOMTestSupport.subject()))
        #expect(document["bomFormat"] as? String == "CycloneDX")
        #expect(document["specVersion"] as? String == "1.6")
        #expect((document["serialNumber"] as? String)?.hasPrefix("urn:uuid:") == true)
        let metadata = try #require(document["metadata"] as? [String: Any])
        #expect(metadata["timestamp"] as? String == "2024-05-01T12:34:56Z")
        let image = try #require(metadata["component"] as? [String: Any])
        #expect(image["type"] as? String == "container")
        #expect(image["version"] as? String == "sha256:" + String(repeating: "ab", count: 32))
        let components = try #require(document["components"] as? [[String: Any]])
        #expect(components.first?["type"] as? String == "operating-system")
        let refs = components.compactMap { $0["bom-ref"] as? String }
        #expect(Set(refs).count == refs.count)
        #expect(refs.count == 22)
        #expect(refs.contains("pkg:npm/lodash@4.17.21") && refs.contains("pkg:npm/lodash@4.17.21#2"))
        let dependencies = try #require(document["dependencies"] as? [[String: Any]])
        #expect(dependencies.count == 1)
        #expect(dependencies[0]["ref"] as? String == image["bom-ref"] as? String)
        #expect(Set(dependencies[0]["dependsOn"] as? [String] ?? []) == Set(refs))
    }

    @Test("licences: ids, one expression for compound ones, names otherwise; Debian source as a property")
    func licensesAndProperties() throws {
        let document = try SBOMTestSupport.object(try CycloneDXWriter().write(SBOMTestSupport.subject()))
        let components = try #require(document["components"] as? [[String: Any]])
        func component(_ name: String) throws -> [String: Any] {
            try #require(components.first { $0["name"] as? String == name })
        }
        #expect(try component("musl")["licenses"] as? [[String: [String: String]]] == [["license": ["id": "MIT"]]])
        #expect(try component("dual")["licenses"] as? [[String: String]] == [["expression": "MIT OR Apache-2.0"]])
        let libc = try #require(try component("libc6")["licenses"] as? [[String: [String: String]]])
        #expect(libc.contains(["license": ["name": "public-domain"]]))
        #expect(libc.contains(["license": ["id": "GPL-2.0-or-later"]]))
        let properties = try #require(try component("libc6")["properties"] as? [[String: String]])
        #expect(properties.contains(["name": "gatehouse:source", "value": "glibc"]))
        #expect(properties.contains(["name": "gatehouse:layer", "value": SBOMTestSupport.layer]))
        #expect(properties.contains(["name": "gatehouse:location", "value": "/var/lib/dpkg/status"]))
    }

    @Test("the same input gives the same bytes, apart from serialNumber")
    func deterministic() throws {
        let writer = CycloneDXWriter()
        let serial = UUID()
        let packages = SBOMTestSupport.packages()
        let one = try writer.write(SBOMTestSupport.subject(packages), serialNumber: serial)
        let two = try writer.write(SBOMTestSupport.subject(packages.reversed()), serialNumber: serial)
        #expect(one == two)
        let other = try writer.write(SBOMTestSupport.subject(packages))
        #expect(one != other)
        let keys: Set<String> = ["serialNumber"]
        #expect(try SBOMTestSupport.without(keys, in: one) == SBOMTestSupport.without(keys, in: other))
    }
}
