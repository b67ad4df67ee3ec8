import Foundation
import GatehouseCore
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import GatehouseServer

/// `audit.export_file`: every committed record also lands as a JSON line in a file, in order,
/// each once, rotated at the size limit with only `export_keep` older files kept.
@Suite struct AuditFileExportTests {
    /// The seqs of the export's lines, oldest file first.
    static func exported(_ path: String, keep: Int) -> [Int64] {
        let files = (1...keep).reversed().map { "\(path).\($0)" } + [path]
        return files.flatMap { file -> [Int64] in
            guard let data = FileManager.default.contents(atPath: file) else { return [] }
            return data.split(separator: 0x0A).compactMap { JSONValue.parse(Data($0))?["seq"]?.intValue }
        }
    }

    @Test func everyRecordIsExportedOnceInOrderAndTheFileRotates() async throws {
        let config = ServerHarness.config.replacingOccurrences(
            of: "audit:\n  checkpoint_every: 5\n",
            with:
                "audit:\n  checkpoint_every: 5\n  export_file: audit.jsonl\n  export_max_bytes: 4096\n  export_keep: 2\n"
        )
        try await ServerHarness.withServer(config: config) { context in
            for _ in 0..<12 {
                _ = try await context.client.execute(
                    uri: "/api/v1/whoami", method: .get, headers: ServerHarness.bearer(ServerHarness.adminToken))
            }
            let trail = try await context.client.execute(
                uri: "/api/v1/audit?limit=1000", method: .get, headers: ServerHarness.bearer(ServerHarness.adminToken))
            let newest =
                InferenceHarness.json(trail)["records"]?.arrayValue?.compactMap { $0["seq"]?.intValue }.max() ?? 0
            let path = context.dataDir + "/audit.jsonl"
            // The exporter looks every second: wait (at most 20 s) until it has caught up, which
            // includes the trail query's own `audit.read` record (`newest + 1`), so no rotation
            // is under way while the files are read.
            let deadline = ContinuousClock.now + .seconds(20)
            while Self.exported(path, keep: 2).last ?? -1 < newest + 1, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(100))
            }
            let seqs = Self.exported(path, keep: 2)
            #expect((seqs.last ?? 0) >= newest + 1)
            // In order, each once, no gap within what is kept.
            #expect(seqs == Array((seqs.first ?? 0)...(seqs.last ?? 0)))
            #expect(FileManager.default.fileExists(atPath: path + ".1"))
            #expect(!FileManager.default.fileExists(atPath: path + ".3"))
            let size = (try FileManager.default.attributesOfItem(atPath: path + ".1")[.size] as? Int) ?? 0
            #expect(size <= 4096)
            let mode = (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? 0
            #expect(mode == 0o600)
        }
    }

    @Test func theExportResumesAfterTheLastLineItHasWritten() throws {
        let directory = NSTemporaryDirectory() + "gatehouse-audit-export-" + UUID().uuidString.prefix(8)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/audit.jsonl"
        #expect(AuditFileExport.lastSeq(in: path) == nil)
        try "{\"seq\":7}\n{\"seq\":8}\n".write(toFile: path + ".1", atomically: true, encoding: .utf8)
        #expect(AuditFileExport.lastSeq(in: path) == 8)
        try "{\"seq\":9}\n{\"seq\":10}\n{\"seq\":11".write(toFile: path, atomically: true, encoding: .utf8)
        // A line cut short by a crash is not a record: the export goes on after 10.
        #expect(AuditFileExport.lastSeq(in: path) == 10)
    }
}
