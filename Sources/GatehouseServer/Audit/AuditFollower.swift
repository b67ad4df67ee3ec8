import GatehouseCore
import GatehouseStore
import Logging
import ServiceLifecycle

/// Follows the store's audit chain for an exporter: hands each page of newly committed records
/// (in `seq` order) to `deliver` and moves on only once it returned; a failed delivery is
/// logged and the same records are offered again after `interval`, so nothing is skipped.
/// Stops on graceful shutdown.
struct AuditFollower: Sendable {
    /// The most records read at once.
    static let page = 1000

    let store: any GatehouseStore
    let interval: Duration
    let logger: Logger
    /// What the log says could not be done (`"audit records could not be exported"`).
    let failure: Logger.Message

    /// Delivers every record after `seq`, forever.
    func run(after seq: Int64, deliver: ([AuditRecord]) async throws -> Void) async {
        var after = seq
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                let records = try await store.auditRecords(after: after, limit: Self.page)
                if let last = records.last {
                    try await deliver(records)
                    after = last.seq
                    if records.count == Self.page { continue }
                }
            } catch {
                logger.error(failure, metadata: ["error": "\(error)"])
            }
            try? await Task.sleep(for: interval)
        }
    }
}
