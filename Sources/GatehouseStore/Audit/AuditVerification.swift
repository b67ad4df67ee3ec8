public import Crypto
public import GatehouseCore

/// Runs ``AuditChainVerifier`` over a store, page by page.
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
        var after: Int64 = 0
        pages: while true {
            let page = try await store.auditRecords(after: after, limit: pageSize)
            guard let last = page.last else { break }
            for record in page where !verifier.consume(record) { break pages }
            after = last.seq
        }
        return verifier.finish()
    }
}
