/// The `audit` section: how the tamper-evident audit trail is written.
public struct AuditConfig: Sendable, Hashable {
    /// Records between two signed checkpoints, 1...1_000_000 (`checkpoint_every`).
    public var checkpointEvery: Int
    /// The most records written in one batch, 1...10_000 (`batch_max`).
    public var batchMax: Int

    /// Creates the section; the defaults are those of an empty section.
    public init(checkpointEvery: Int = 1000, batchMax: Int = 1024) {
        self.checkpointEvery = checkpointEvery
        self.batchMax = batchMax
    }
}
