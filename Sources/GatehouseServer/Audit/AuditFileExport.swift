import Foundation
import GatehouseCore
import GatehouseStore
import Logging
import ServiceLifecycle

/// `audit.export_file`: every audit record, once committed, also written as one JSON line (the
/// shape of `gatehouse audit export`) to a file a SIEM can follow. It resumes after the last
/// record in the file, so a restart neither skips nor repeats records; at `export_max_bytes` the
/// file is rotated to `FILE.1` (older ones shift up to `FILE.N`, the oldest beyond
/// `export_keep` is removed). The chain itself stays in the store; the file is a copy.
final class AuditFileExport: Service, Sendable {
    /// How often new records are looked for.
    static let interval: Duration = .seconds(1)
    let store: any GatehouseStore
    let path: String
    let maxBytes: Int
    let keep: Int
    let logger: Logger

    init(store: any GatehouseStore, path: String, maxBytes: Int, keep: Int, logger: Logger) {
        self.store = store
        self.path = path
        self.maxBytes = maxBytes
        self.keep = keep
        self.logger = logger
    }

    func run() async throws {
        let follower = AuditFollower(
            store: store, interval: Self.interval, logger: logger, failure: "audit records could not be exported")
        await follower.run(after: Self.lastSeq(in: path) ?? Int64.min) { records in try write(records) }
    }

    /// Appends the records' lines, rotating whenever the next line would not fit.
    private func write(_ records: [AuditRecord]) throws {
        var size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        var pending = Data()
        for record in records {
            var line = Data(AuditRecordBody.jsonLine(record).utf8)
            line.append(0x0A)
            if size + pending.count > 0, size + pending.count + line.count > maxBytes {
                try append(pending)
                pending = Data()
                try rotate()
                size = 0
            }
            pending.append(line)
        }
        try append(pending)
    }

    /// Appends `lines` to the file (created 0600), synced to disk.
    private func append(_ lines: Data) throws {
        guard !lines.isEmpty else { return }
        if !FileManager.default.fileExists(atPath: path) {
            guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
            else { throw GatehouseError(.storeUnavailable, "cannot create the audit export file \(path)") }
        }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: lines)
        try handle.synchronize()
    }

    /// `FILE` → `FILE.1`, `FILE.1` → `FILE.2`…; the one past `keep` is removed.
    private func rotate() throws {
        let manager = FileManager.default
        try? manager.removeItem(atPath: "\(path).\(keep)")
        for index in stride(from: keep - 1, through: 1, by: -1) where manager.fileExists(atPath: "\(path).\(index)") {
            try manager.moveItem(atPath: "\(path).\(index)", toPath: "\(path).\(index + 1)")
        }
        try manager.moveItem(atPath: path, toPath: "\(path).1")
    }

    /// The `seq` of the file's last line (or of the newest rotated file's, when the file was
    /// just rotated away); nil for no file.
    static func lastSeq(in path: String) -> Int64? {
        for candidate in [path, path + ".1"] {
            guard let data = FileManager.default.contents(atPath: candidate), !data.isEmpty else { continue }
            let lines = data.split(separator: 0x0A)
            for line in lines.reversed() {
                if let seq = JSONValue.parse(Data(line))?["seq"]?.intValue { return seq }
            }
        }
        return nil
    }
}
