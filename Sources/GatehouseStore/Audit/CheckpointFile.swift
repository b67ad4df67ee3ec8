import Foundation
public import GatehouseCore

/// The newest checkpoint this node signed, kept in the data directory as well as the store,
/// so that deleting the tail of the trail together with its checkpoint rows is still caught.
public enum CheckpointFile {
    /// The file's name inside the data directory.
    public static let fileName = "audit-checkpoint.json"

    /// Replaces the file with `checkpoint`.
    public static func write(_ checkpoint: AuditCheckpoint, dataDir: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try DataDirectory.writeAtomically(
            try encoder.encode(checkpoint), to: dataDir + "/" + fileName, mode: 0o600)
    }

    /// The checkpoint in `dataDir`, nil when there is none; an error when it is unreadable.
    public static func read(dataDir: String) throws -> AuditCheckpoint? {
        let path = dataDir + "/" + fileName
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        do {
            return try JSONDecoder().decode(AuditCheckpoint.self, from: data)
        } catch {
            throw GatehouseError(.auditTampered, "\(path) is not a valid checkpoint")
        }
    }
}
