package import Foundation

/// The right to send requests to one engine; keeps it from being evicted until released.
package struct EngineLease: Sendable {
    /// The model's name (also the served model alias).
    package let model: String
    /// `http://127.0.0.1:PORT/v1`.
    package let baseURL: URL
    /// The engine's port.
    package let port: Int
    let recordID: UInt64
    let leaseID: UInt64
    let engines: LlamaEngines

    /// Ends the lease; idempotent. With keep-alive 0 the engine is unloaded before this returns.
    package func release() async {
        await engines.release(self)
    }
}

/// One row of a `ps` listing.
package struct LoadedEngine: Sendable, Equatable {
    /// The model's name.
    package var name: String
    /// The model file's digest.
    package var digest: String
    /// Where the engine listens (`nil` while its process is being spawned).
    package var port: Int?
    /// The engine's process id (`nil` while it is being spawned).
    package var pid: Int32?
    /// Starting, ready or stopping.
    package var status: String
    /// When the current process became ready (or started starting).
    package var since: Date
    /// When an idle engine will be unloaded; `nil` when busy or kept forever.
    package var expiresAt: Date?
    /// Requests in flight.
    package var inFlight: Int
    /// The model's estimated resident bytes.
    package var estimatedBytes: UInt64
}

extension LlamaEngines {
    /// Runs `body` with a lease on `model` and releases it afterwards, also when `body` throws.
    nonisolated(nonsending) package func withLease<T>(
        _ model: LocalModelRef, keepAlive: Duration? = nil, _ body: (EngineLease) async throws -> T
    ) async throws -> T {
        let lease = try await lease(model, keepAlive: keepAlive)
        do {
            let result = try await body(lease)
            await lease.release()
            return result
        } catch {
            await lease.release()
            throw error
        }
    }
}
