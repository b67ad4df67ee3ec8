package import Foundation
package import GatehouseCore

extension ModelStore {
    /// Imports the GGUF file at `path` as `name`, with an optional licence text file.
    ///
    /// The file is copied into the store's temporary directory while being hashed, the copy is
    /// validated as GGUF, and only then moved into `blobs/` and entered in the index under the
    /// lock. On any failure nothing is left behind.
    /// - Parameters:
    ///   - license: the path of a licence text file to store beside the model (at most 1 MiB).
    ///   - replace: replace an existing entry of that name instead of refusing.
    /// - Throws: `.conflict` when the name is taken, `.modelInvalid` when the file is not GGUF.
    @discardableResult
    package func importFile(
        path: String, name: String, license licensePath: String? = nil, replace: Bool = false,
        now: Date = Date()
    ) throws(GatehouseError) -> StoredModel {
        let name = try ModelName(validating: name)
        if !replace { try refuseTaken(name, in: readIndex()) }

        let ggufTemporary = temporaryBlobPath()
        let gguf = try FileIO.copyHashing(from: path, to: ggufTemporary)
        defer { unlink(ggufTemporary) }
        let info = try GGUFFile.read(path: ggufTemporary)

        var license: (digest: OCIDigest, size: Int64)?
        let licenseTemporary = temporaryBlobPath()
        defer { unlink(licenseTemporary) }
        if let licensePath {
            license = try FileIO.copyHashing(from: licensePath, to: licenseTemporary)
            if license!.size > Int64(Self.licenseLimit) {
                throw GatehouseError(.payloadTooLarge, "licence file \(licensePath) is larger than 1 MiB")
            }
        }

        let model = StoredModel(
            name: name, digest: gguf.digest, size: gguf.size, architecture: info.architecture,
            parameterCount: info.parameterCount, fileType: info.fileType, contextLength: info.contextLength,
            licenseDigest: license?.digest, source: .file(path: path), createdAt: now)
        try lock.withLock { () throws(GatehouseError) in
            var index = try readIndex()
            let previous = try take(name, from: &index, replace: replace)
            try FileIO.rename(ggufTemporary, to: blobPath(gguf.digest))
            if let license { try FileIO.rename(licenseTemporary, to: blobPath(license.digest)) }
            FileIO.syncDirectory(blobDirectory)
            index.models.append(model)
            try writeIndex(index)
            deleteUnreferenced(previous?.blobDigests ?? [], keeping: index)
        }
        return model
    }

    /// Moves a downloaded blob into the store after checking its SHA-256 against `expectedDigest`.
    ///
    /// `tempPath` should come from ``temporaryBlobPath()`` (same file system). A blob that does
    /// not match is deleted. Until an entry referencing it is committed, a concurrent
    /// ``remove(named:)`` of another model sharing it may collect it; ``commit(_:replace:)``
    /// checks that its blobs are still there.
    /// - Returns: the blob's size.
    /// - Throws: `.upstreamFailed` on a digest mismatch.
    @discardableResult
    package func add(blobAt tempPath: String, expectedDigest: OCIDigest) throws(GatehouseError) -> Int64 {
        let actual: (digest: OCIDigest, size: Int64)
        do {
            actual = try FileIO.digest(path: tempPath)
        } catch {
            unlink(tempPath)
            throw error
        }
        guard actual.digest == expectedDigest else {
            unlink(tempPath)
            throw GatehouseError(
                .upstreamFailed, "the downloaded blob has digest \(actual.digest), not the expected \(expectedDigest)")
        }
        try lock.withLock { () throws(GatehouseError) in
            try FileIO.rename(tempPath, to: blobPath(expectedDigest))
            FileIO.syncDirectory(blobDirectory)
        }
        return actual.size
    }

    /// Enters `model` in the index; its blobs must already be in the store.
    /// - Throws: `.conflict` when the name is taken and `replace` is false, `.notFound` when a
    ///   blob is missing, `.modelInvalid` when the GGUF blob's size differs from `model.size`.
    package func commit(_ model: StoredModel, replace: Bool = false) throws(GatehouseError) {
        try lock.withLock { () throws(GatehouseError) in
            guard let size = FileIO.fileSize(blobPath(model.digest)) else {
                throw GatehouseError(.notFound, "the store has no blob \(model.digest) for \(model.name)")
            }
            guard size == model.size else {
                throw GatehouseError(.modelInvalid, "blob \(model.digest.short) has \(size) bytes, not \(model.size)")
            }
            if let license = model.licenseDigest, FileIO.fileSize(blobPath(license)) == nil {
                throw GatehouseError(.notFound, "the store has no licence blob \(license) for \(model.name)")
            }
            var index = try readIndex()
            let previous = try take(model.name, from: &index, replace: replace)
            index.models.append(model)
            try writeIndex(index)
            deleteUnreferenced(previous?.blobDigests ?? [], keeping: index)
        }
    }

    func refuseTaken(_ name: ModelName, in index: Index) throws(GatehouseError) {
        if index.models.contains(where: { $0.name == name }) {
            throw GatehouseError(.conflict, "a model named \(name) is already stored (replace it explicitly)")
        }
    }

    /// Removes the entry called `name` from `index` when `replace` allows it; returns it.
    func take(_ name: ModelName, from index: inout Index, replace: Bool) throws(GatehouseError) -> StoredModel? {
        if !replace { try refuseTaken(name, in: index) }
        guard let position = index.models.firstIndex(where: { $0.name == name }) else { return nil }
        return index.models.remove(at: position)
    }
}
