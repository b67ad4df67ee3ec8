public import Foundation
public import GatehouseCore

/// Writes an SPDX 2.3 JSON document for a container image and the packages found in it.
///
/// The document describes one package for the image (purpose `CONTAINER`), which contains a
/// package for the distribution (purpose `OPERATING_SYSTEM`, if known) and one per package found.
/// Everything but `documentNamespace` follows from the subject: the same subject and UUID give the
/// same bytes.
public struct SPDXWriter: Sendable {
    /// The start of every `documentNamespace`; the document's is
    /// `<prefix><sanitised image name>-<uuid>`.
    public var namespacePrefix: String

    /// Creates a writer. `namespacePrefix` should end in `/` and belong to whoever publishes the SBOMs.
    public init(namespacePrefix: String = "https://gatehouse.dev/spdx/") {
        self.namespacePrefix = namespacePrefix
    }

    /// The SPDX 2.3 JSON document (UTF-8, sorted keys, ending in a newline).
    ///
    /// - Parameter documentID: makes `documentNamespace` unique; pass a fixed one only in tests.
    public func write(_ subject: SBOMSubject, documentID: UUID = UUID()) throws(GatehouseError) -> Data {
        try SBOMJSON.data(document(subject, documentID: documentID))
    }

    /// The `documentNamespace` for `subject`: a URI unique per `documentID`, without `#`.
    public func namespace(for subject: SBOMSubject, documentID: UUID) -> String {
        "\(namespacePrefix)\(SBOMText.idPart(subject.name, limit: 100))-\(documentID.uuidString.lowercased())"
    }

    /// The document as a JSON object tree.
    func document(_ subject: SBOMSubject, documentID: UUID) -> [String: Any] {
        var builder = SPDXPackageBuilder()
        let image = builder.image(subject)
        var packages = [image.package]
        var contained: [String] = []
        if let distro = subject.distro {
            let os = builder.operatingSystem(distro)
            packages.append(os.package)
            contained.append(os.id)
        }
        for package in subject.sortedPackages {
            let entry = builder.package(package)
            packages.append(entry.package)
            contained.append(entry.id)
        }
        var relationships = [Self.relationship("SPDXRef-DOCUMENT", "DESCRIBES", image.id)]
        relationships += contained.map { Self.relationship(image.id, "CONTAINS", $0) }
        var document: [String: Any] = [
            "spdxVersion": "SPDX-2.3",
            "dataLicense": "CC0-1.0",
            "SPDXID": "SPDXRef-DOCUMENT",
            "name": SBOMText.clean(subject.name),
            "documentNamespace": namespace(for: subject, documentID: documentID),
            "creationInfo": [
                "created": subject.createdText,
                "creators": ["Tool: \(SBOMText.clean("\(subject.toolName)-\(subject.toolVersion)"))"],
            ],
            "packages": packages,
            "relationships": relationships,
        ]
        if !builder.extractedLicenses.isEmpty {
            // SPDX 2.3 §10.3: a licence not on the list needs a name; the text is all we know of it.
            document["hasExtractedLicensingInfos"] = builder.extractedLicenses.keys.sorted().map { id in
                let text = builder.extractedLicenses[id] ?? id
                return ["licenseId": id, "extractedText": text, "name": SBOMText.clean(text, limit: 256)]
            }
        }
        return document
    }

    private static func relationship(_ element: String, _ type: String, _ related: String) -> [String: Any] {
        ["spdxElementId": element, "relationshipType": type, "relatedSpdxElement": related]
    }
}
