/// The `audit` section: how the tamper-evident audit trail is written.
public struct AuditConfig: Sendable, Hashable {
    /// Records between two signed checkpoints, 1...1_000_000 (`checkpoint_every`).
    public var checkpointEvery: Int
    /// The most records written in one batch, 1...10_000 (`batch_max`).
    public var batchMax: Int
    /// A JSON-lines file every record is also written to, for a SIEM (`export_file`; relative
    /// paths are under the data directory); nil for none.
    public var exportFile: String?
    /// The size at which the export file is rotated (`export_max_bytes`, 1 KiB to 1 TiB).
    public var exportMaxBytes: Int = 100 << 20
    /// How many rotated files are kept (`export_keep`, 1 to 100): `FILE.1` is the newest.
    public var exportKeep: Int = 10

    /// Creates the section; the defaults are those of an empty section.
    public init(checkpointEvery: Int = 1000, batchMax: Int = 1024) {
        self.checkpointEvery = checkpointEvery
        self.batchMax = batchMax
    }
}
