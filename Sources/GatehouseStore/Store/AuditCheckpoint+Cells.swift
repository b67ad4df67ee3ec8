import GatehouseCore

extension AuditCheckpoint {
    /// Cells in `audit_checkpoints` column order: seq, hash, time_micros, key_id, signature.
    var cells: [StoreValue] {
        [.int(seq), .text(hash.hex), .int(timeMicros), .text(keyID), .text(signature)]
    }

    /// Rebuilds a checkpoint; a malformed row yields a checkpoint whose signature fails.
    init?(cells: [StoreValue]) {
        guard cells.count == 5, case .int(let seq) = cells[0] else { return nil }
        func text(_ index: Int) -> String {
            if case .text(let value) = cells[index] { return value }
            return ""
        }
        let time: Int64 = if case .int(let value) = cells[2] { value } else { 0 }
        self.init(
            seq: seq,
            hash: AuditHash(hex: text(1)) ?? .unmatchable,
            timeMicros: time, keyID: text(3), signature: text(4))
    }
}
