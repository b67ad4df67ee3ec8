package import GatehouseCore

extension ModelStore {
    /// Removes the entry called `name` (no tag means `:latest`) and deletes its blobs unless
    /// another entry references them.
    /// - Returns: the removed entry.
    /// - Throws: `.modelNotFound` when no such entry exists.
    @discardableResult
    package func remove(named name: String) throws(GatehouseError) -> StoredModel {
        let valid = try ModelName(validating: name)
        return try lock.withLock { () throws(GatehouseError) -> StoredModel in
            var index = try readIndex()
            guard let position = index.models.firstIndex(where: { $0.name == valid }) else {
                throw GatehouseError(.modelNotFound, "no stored model is named \(valid)")
            }
            let removed = index.models.remove(at: position)
            try writeIndex(index)
            deleteUnreferenced(removed.blobDigests, keeping: index)
            return removed
        }
    }
}
