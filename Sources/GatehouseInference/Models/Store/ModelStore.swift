import Foundation
package import GatehouseCore

/// The on-disk store of local GGUF models, rooted at a directory (e.g. `DATA/models`):
///
///     models.json            the index, replaced atomically
///     .lock                  advisory flock held around every index read-modify-write
///     blobs/sha256/<hex>     content-addressed blobs (GGUF files, licence texts)
///     tmp/                   partial copies and downloads, on the same file system as blobs/
///
/// A value type: all shared state is on disk, guarded by ``FileLock`` so that several processes
/// (the CLI and the server) can use one store. Readers need no lock, since the index is only
/// ever replaced whole by a rename.
package struct ModelStore: Sendable {
    /// The largest index file accepted.
    package static let indexLimit = 16 << 20
    /// The largest licence text accepted.
    package static let licenseLimit = 1 << 20

    /// The store's directory.
    package let root: String

    /// Opens (creating when missing) the store at `root`.
    package init(root: String) throws(GatehouseError) {
        self.root = root
        try FileIO.makeDirectory(blobDirectory)
        try FileIO.makeDirectory(temporaryDirectory)
    }

    /// `root/blobs/sha256`.
    package var blobDirectory: String { root + "/blobs/sha256" }
    /// `root/tmp`: where partial copies and downloads live until they are moved in.
    package var temporaryDirectory: String { root + "/tmp" }
    /// `root/models.json`.
    package var indexPath: String { root + "/models.json" }
    var lock: FileLock { FileLock(path: root + "/.lock") }

    /// Where the blob with `digest` lives (whether or not it exists).
    package func blobPath(_ digest: OCIDigest) -> String { blobDirectory + "/" + digest.hex }

    /// The GGUF file of `model`.
    package func path(of model: StoredModel) -> String { blobPath(model.digest) }

    /// A fresh path in the store's temporary directory, for a download to pass to ``add(blobAt:expectedDigest:)``.
    package func temporaryBlobPath() -> String {
        temporaryDirectory + "/" + UUID().uuidString.lowercased() + ".partial"
    }

    /// Every stored model, sorted by name.
    package func list() throws(GatehouseError) -> [StoredModel] {
        try readIndex().models
    }

    /// The model called `name`; a name without a tag means `:latest`.
    /// - Throws: `.badRequest` for an invalid name, `.modelNotFound` when absent.
    package func model(named name: String) throws(GatehouseError) -> StoredModel {
        let valid = try ModelName(validating: name)
        guard let model = try readIndex().models.first(where: { $0.name == valid }) else {
            throw GatehouseError(.modelNotFound, "no stored model is named \(valid)")
        }
        return model
    }

    // MARK: - Index

    struct Index: Codable {
        var version = 1
        var models: [StoredModel] = []
    }

    func readIndex() throws(GatehouseError) -> Index {
        guard FileIO.fileSize(indexPath) != nil else { return Index() }
        let data = try FileIO.read(path: indexPath, limit: Self.indexLimit, what: "the model index")
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        do {
            let index = try decoder.decode(Index.self, from: data)
            guard index.version == 1 else {
                throw GatehouseError(
                    .storeUnavailable, "the model index \(indexPath) has unknown version \(index.version)")
            }
            return index
        } catch let error as GatehouseError {
            throw error
        } catch {
            throw GatehouseError(.storeUnavailable, "the model index \(indexPath) is corrupt: \(error)")
        }
    }

    func writeIndex(_ index: Index) throws(GatehouseError) {
        var sorted = index
        sorted.models.sort { $0.name < $1.name }
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data: Data
        do {
            data = try encoder.encode(sorted)
        } catch {
            throw GatehouseError(.internal, "cannot encode the model index: \(error)")
        }
        try FileIO.writeAtomically(data, to: indexPath)
    }

    /// Deletes the blobs among `candidates` that no entry of `index` references.
    func deleteUnreferenced(_ candidates: [OCIDigest], keeping index: Index) {
        let referenced = Set(index.models.flatMap(\.blobDigests))
        for digest in Set(candidates) where !referenced.contains(digest) {
            unlink(blobPath(digest))
        }
    }
}
