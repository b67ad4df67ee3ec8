import Foundation
import GatehouseCore
import Testing

@testable import GatehouseRegistry

/// Manifests are parsed strictly: schema 2 objects of known types, within 4 MiB, with well-formed
/// descriptors.
@Suite struct ManifestTests {
    static let layer = "sha256:" + String(repeating: "a", count: 64)

    @Test func ociManifestsParseWithTheirDescriptors() throws {
        let bytes = Data(
            """
            {"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json",
             "config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"\(Self.layer)","size":2},
             "layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"\(Self.layer)","size":7}]}
            """.utf8)
        let manifest = try Manifest(bytes: bytes, declaredType: "application/vnd.oci.image.manifest.v1+json")
        #expect(manifest.mediaType == MediaTypes.ociManifest)
        #expect(manifest.references.map(\.size) == [7, 2])
        #expect(manifest.digest == Digest.sha256(of: bytes))
        #expect(!manifest.isIndex)
    }

    @Test(arguments: [
        (#"{"schemaVersion":1,"name":"x"}"#, "schema"),
        ("[]", "JSON object"),
        ("not json", "JSON object"),
        (#"{"schemaVersion":2,"mediaType":"text/html"}"#, "unsupported"),
        (#"{"schemaVersion":2,"layers":[{"digest":"sha256:12"}]}"#, "digest"),
        (#"{"schemaVersion":2,"layers":[{"size":1}]}"#, "digest or size"),
    ])
    func badManifestsAreRefused(text: String, message: String) {
        #expect {
            try Manifest(bytes: Data(text.utf8), declaredType: nil)
        } throws: { error in
            (error as? GatehouseError).map { $0.code == .ociManifestInvalid || $0.code == .ociDigestInvalid } == true
                && "\(error)".localizedCaseInsensitiveContains(message)
        }
    }

    @Test func oversizedAndMislabelledManifestsAreRefused() {
        let huge = Data(#"{"schemaVersion":2,"pad":""#.utf8) + Data(repeating: 32, count: 4 << 20) + Data(#""}"#.utf8)
        #expect(throws: GatehouseError.self) { try Manifest(bytes: huge, declaredType: nil) }
        let index = Data(
            #"{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[]}"#.utf8)
        #expect(throws: GatehouseError.self) {
            try Manifest(bytes: index, declaredType: MediaTypes.ociManifest)
        }
        #expect((try? Manifest(bytes: index, declaredType: MediaTypes.ociIndex))?.isIndex == true)
    }
}
