import Foundation
import GatehouseCore
import Testing

@testable import GatehouseScan

/// The validator must be able to fail, or the validation tests prove nothing.
@Suite("SBOM validator rejects broken documents")
struct SBOMValidatorTests {
    /// A valid document of the given format with `edit` applied, re-serialised.
    private func broken(_ format: String, _ edit: (inout [String: Any]) -> Void) throws -> Data {
        let subject = SBOMTestSupport.subject()
        let data = format == "spdx-json" ? try SPDXWriter().write(subject) : try CycloneDXWriter().write(subject)
        var document = try SBOMTestSupport.object(data)
        edit(&document)
        return try JSONSerialization.data(withJSONObject: document)
    }

    @Test(
        "broken SPDX documents are rejected",
        arguments: [
            ("bad SPDXID", "SPDXRef-has_underscore"), ("undeclared LicenseRef", "Unrecognized license reference"),
            ("no namespace", "documentNamespace"), ("unknown key", "vendorField"),
        ])
    func spdx(_ breakage: String, _ reason: String) throws {
        let data = try broken("spdx-json") { document in
            var packages = document["packages"] as? [[String: Any]] ?? []
            switch breakage {
            case "bad SPDXID": packages[1]["SPDXID"] = "SPDXRef-has_underscore"
            case "undeclared LicenseRef": packages[1]["licenseDeclared"] = "MIT AND LicenseRef-nowhere"
            case "no namespace": document["documentNamespace"] = nil
            default: packages[1]["vendorField"] = "x"
            }
            document["packages"] = packages
        }
        let verdict = try SBOMTestSupport.validate(data, format: "spdx-json")
        #expect(verdict.status == 1)
        #expect(verdict.stderr.contains("invalid: ") && verdict.stderr.contains(reason), "\(verdict.stderr)")
    }

    @Test(
        "broken CycloneDX documents are rejected",
        arguments: [
            ("unknown licence id", "components/1/licenses"), ("bad type", "gadget"), ("no bomFormat", "bomFormat"),
        ])
    func cyclonedx(_ breakage: String, _ reason: String) throws {
        let data = try broken("cyclonedx-json") { document in
            var components = document["components"] as? [[String: Any]] ?? []
            switch breakage {
            case "unknown licence id": components[1]["licenses"] = [["license": ["id": "Not-A-Licence"]]]
            case "bad type": components[1]["type"] = "gadget"
            default: document["bomFormat"] = nil
            }
            document["components"] = components
        }
        let verdict = try SBOMTestSupport.validate(data, format: "cyclonedx-json")
        #expect(verdict.status == 1)
        #expect(verdict.stderr.contains("invalid: ") && verdict.stderr.contains(reason), "\(verdict.stderr)")
    }
}
