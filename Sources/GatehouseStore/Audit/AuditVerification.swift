public import Crypto
import Foundation
public import GatehouseCore

/// Runs ``AuditChainVerifier`` over a store, page by page: the next page is read while the
/// current one is hashed on every core, and links are checked in order.
public enum AuditVerification {
    /// Records read per page.
    public static let pageSize = 10_000

    /// Verifies the whole trail in `store` against the checkpoints in the store plus
    /// `extraCheckpoints` (the data directory's mirror), trusting `keys`.
    public static func verify(
        store: any GatehouseStore, trustedKeys keys: [Curve25519.Signing.PublicKey],
        extraCheckpoints: [AuditCheckpoint] = []
    ) async throws -> AuditChainVerifier.Report {
        let checkpoints = try await store.auditCheckpoints() + extraCheckpoints
        var verifier = AuditChainVerifier(checkpoints: checkpoints, trustedKeys: keys)
        var page = try await store.auditRecords(after: Int64.min, limit: pageSize)
        pages: while let last = page.last {
            async let following = store.auditRecords(after: last.seq, limit: pageSize)
            let intact = await intactFlags(page)
            for (record, ok) in zip(page, intact) where !verifier.consume(record, intact: ok) {
                break pages
            }
            page = try await following
        }
        return verifier.finish()
    }

    /// Verifies the trail against the store's checkpoints and the one mirrored in `dataDir`.
    public static func verify(
        store: any GatehouseStore, trustedKeys keys: [Curve25519.Signing.PublicKey], dataDir: String
    ) async throws -> AuditChainVerifier.Report {
        let mirrored = try CheckpointFile.read(dataDir: dataDir)
        return try await verify(store: store, trustedKeys: keys, extraCheckpoints: mirrored.map { [$0] } ?? [])
    }

    /// Whether each record's hash matches its contents, computed in parallel chunks.
    public static func intactFlags(_ records: [AuditRecord]) async -> [Bool] {
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8))
        let chunk = (records.count + workers - 1) / workers
        guard workers > 1, records.count >= 1_000 else { return records.map(\.isIntact) }
        return await withTaskGroup(of: (Int, [Bool]).self) { group in
            for start in stride(from: 0, to: records.count, by: chunk) {
                let slice = records[start..<min(start + chunk, records.count)]
                group.addTask { (start, slice.map(\.isIntact)) }
            }
            var flags = [Bool](repeating: false, count: records.count)
            for await (start, part) in group {
                flags.replaceSubrange(start..<start + part.count, with: part)
            }
            return flags
        }
    }
}
