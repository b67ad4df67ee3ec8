package import Foundation
package import GatehouseCore

extension OCIManifest {
    /// The OCI image manifest in `data`: at most `limit` bytes, JSON of schema version 2 whose
    /// media type, when named, is an image manifest's.
    /// - Throws: `.payloadTooLarge` above `limit`, `invalid` naming what else is wrong.
    package static func parse(
        _ data: Data, limit: Int, invalid: GatehouseError.Code
    ) throws(GatehouseError) -> OCIManifest {
        guard data.count <= limit else {
            throw GatehouseError(.payloadTooLarge, "manifest is \(data.count) bytes, above the \(limit)-byte limit")
        }
        let manifest: OCIManifest
        do {
            manifest = try JSONDecoder().decode(OCIManifest.self, from: data)
        } catch {
            throw GatehouseError(invalid, "manifest is not a valid OCI image manifest: \(DMRManifest.describe(error))")
        }
        guard manifest.schemaVersion == 2 else {
            throw GatehouseError(invalid, "manifest has schemaVersion \(manifest.schemaVersion), not 2")
        }
        if let mediaType = manifest.mediaType, mediaType != DMRMediaType.manifest {
            throw GatehouseError(
                invalid,
                "manifest media type is \"\(DMRManifest.excerpt(mediaType))\", not \(DMRMediaType.manifest)")
        }
        return manifest
    }
}

extension OCIDescriptor {
    /// Refuses a negative size (`invalid`) or one above `limit` (`.payloadTooLarge`); `what`
    /// names the blob in the message.
    package func checkSize(_ what: String, limit: Int64, invalid: GatehouseError.Code) throws(GatehouseError) {
        guard size >= 0 else { throw GatehouseError(invalid, "\(what) \(digest.short) has a negative size") }
        guard size <= limit else {
            throw GatehouseError(
                .payloadTooLarge, "\(what) \(digest.short) is \(size) bytes, above the \(limit)-byte limit")
        }
    }
}
