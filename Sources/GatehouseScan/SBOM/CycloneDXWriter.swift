public import Foundation
public import GatehouseCore

/// Writes a CycloneDX 1.6 JSON BOM for a container image and the packages found in it.
///
/// `metadata.component` is the image (type `container`, version its digest); the components are
/// the distribution (type `operating-system`, if known) and one `library` per package found; the
/// image depends on every component. Everything but `serialNumber` follows from the subject: the
/// same subject and serial number give the same bytes.
public struct CycloneDXWriter: Sendable {
    /// The `bom-ref` of the image (`metadata.component`).
    public static let imageRef = "gatehouse:image"

    /// Creates a writer.
    public init() {}

    /// The CycloneDX 1.6 JSON document (UTF-8, sorted keys, ending in a newline).
    ///
    /// - Parameter serialNumber: the BOM's `urn:uuid:` serial number; pass a fixed one only in tests.
    public func write(_ subject: SBOMSubject, serialNumber: UUID = UUID()) throws(GatehouseError) -> Data {
        try SBOMJSON.data(document(subject, serialNumber: serialNumber))
    }

    /// The document as a JSON object tree.
    func document(_ subject: SBOMSubject, serialNumber: UUID) -> [String: Any] {
        var refs = SBOMIdentifiers()
        let imageRef = refs.claim(Self.imageRef)
        var components: [[String: Any]] = []
        if let distro = subject.distro {
            components.append(Self.operatingSystem(distro, ref: refs.claim("gatehouse:os:\(distro.id)")))
        }
        for package in subject.sortedPackages {
            components.append(Self.component(package, refs: &refs))
        }
        let componentRefs = components.compactMap { $0["bom-ref"] as? String }
        return [
            "bomFormat": "CycloneDX",
            "specVersion": "1.6",
            "serialNumber": "urn:uuid:\(serialNumber.uuidString.lowercased())",
            "version": 1,
            "metadata": [
                "timestamp": subject.createdText,
                "tools": [
                    "components": [
                        [
                            "type": "application", "name": SBOMText.clean(subject.toolName),
                            "version": SBOMText.clean(subject.toolVersion),
                        ]
                    ]
                ],
                "component": Self.image(subject, ref: imageRef),
            ],
            "components": components,
            "dependencies": [["ref": imageRef, "dependsOn": componentRefs.sorted()]],
        ]
    }

    private static func image(_ subject: SBOMSubject, ref: String) -> [String: Any] {
        var image: [String: Any] = [
            "type": "container", "bom-ref": ref, "name": SBOMText.clean(subject.name),
            "version": SBOMText.clean(subject.digest),
        ]
        if let hex = subject.sha256Hex {
            image["hashes"] = [["alg": "SHA-256", "content": hex]]
            if let purl = OCIReference(subject.name)?.purl(sha256Hex: hex) { image["purl"] = purl }
        }
        return image
    }

    private static func operatingSystem(_ distro: Distro, ref: String) -> [String: Any] {
        var component: [String: Any] = ["type": "operating-system", "bom-ref": ref, "name": SBOMText.clean(distro.id)]
        if !distro.versionID.isEmpty { component["version"] = SBOMText.clean(distro.versionID) }
        if let pretty = distro.prettyName { component["description"] = SBOMText.clean(pretty) }
        return component
    }
}
