import GatehouseCore
import GatehouseInference
import Synchronization

/// What must happen exactly once when a streamed answer ends: the engine released, the tokens
/// accounted, the spend recorded. The stream's body settles it when it ends; if the body never
/// runs (the request's own audit record could not be written, the client left before the head
/// was sent), dropping the last reference settles it with what was asked, so no engine lease is
/// held forever and no request goes uncounted.
final class StreamSettlement: Sendable {
    private let settled = Mutex(false)
    private let work: @Sendable (TokenUsage, GatehouseError?) async -> Void
    private let unsent: TokenUsage

    /// A settlement doing `work`; `unsent` is what is counted if the body never runs.
    init(unsent: TokenUsage, _ work: @escaping @Sendable (TokenUsage, GatehouseError?) async -> Void) {
        self.unsent = unsent
        self.work = work
    }

    /// Settles with the stream's usage and failure, unless already settled.
    func settle(_ usage: TokenUsage, failure: GatehouseError?) async {
        guard
            settled.withLock({ done in
                defer { done = true }
                return !done
            })
        else { return }
        await work(usage, failure)
    }

    deinit {
        guard !settled.withLock({ $0 }) else { return }
        let (work, unsent) = (self.work, self.unsent)
        // The last chance to release the engine: a deinit cannot wait, so the release runs on.
        Task { await work(unsent, GatehouseError(.unavailable, "the answer was never sent")) }
    }
}
